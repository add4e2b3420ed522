namespace DataSharing.Federation;

/// <summary>The kinds of message a link carries; a receiver refuses a kind it does not know.</summary>
public static class FederationMessageKinds
{
    /// <summary>A requester's platform hands a share request to the provider's platform, which owns the case.</summary>
    public const string ShareRequestSubmitted = "share-request.submitted";

    /// <summary>The provider's platform reports a new version of a share request to the requester's platform.</summary>
    public const string ShareRequestChanged = "share-request.changed";

    /// <summary>
    /// The requester's platform asks the provider's platform, which owns the case, to withdraw a request; the owner
    /// withdraws it or records why not, and either way reports the case's new version back.
    /// </summary>
    public const string ShareRequestWithdrawalAsked = "share-request.withdrawal-asked";

    /// <summary>
    /// A platform reports the new state of an entry of its catalog that it shares with the other levels (published,
    /// edited, retired or no longer shared); the receiver holds it as a read-only copy and hands it on to its other peers.
    /// </summary>
    public const string CatalogEntryChanged = "catalog-entry.changed";
}

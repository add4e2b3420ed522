namespace DataSharing.Federation;

/// <summary>The kinds of message a link carries; a receiver refuses a kind it does not know.</summary>
public static class FederationMessageKinds
{
    /// <summary>A requester's platform hands a share request to the provider's platform, which owns the case.</summary>
    public const string ShareRequestSubmitted = "share-request.submitted";

    /// <summary>The provider's platform reports a new version of a share request to the requester's platform.</summary>
    public const string ShareRequestChanged = "share-request.changed";

    /// <summary>
    /// A city platform reports a violation record (Art 43) of one of its departments up to the province, whose data
    /// authority keeps one queue of every level's violations.
    /// </summary>
    public const string ViolationReported = "violation.reported";
}

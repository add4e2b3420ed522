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

    /// <summary>
    /// A city platform asks the province for its data authority's consent to a personalized catalog entry (Art 14);
    /// the province holds the case for its authority, who decides it there.
    /// </summary>
    public const string PersonalizedCatalogAsked = "personalized-catalog.asked";

    /// <summary>The province reports its data authority's decision (or its refusal of the ask) back to the city that asked.</summary>
    public const string PersonalizedCatalogDecided = "personalized-catalog.decided";

    /// <summary>
    /// A city platform reports an assessment fact (Art 42) of one of its departments up to the province, whose data
    /// authority assesses every level's departments.
    /// </summary>
    public const string AssessmentReported = "assessment.reported";

    /// <summary>
    /// The applicant's platform hands a review (Art 26) of an entry another platform owns to that platform, which owns
    /// the case, its deadline and its answer.
    /// </summary>
    public const string ReviewFiled = "review.filed";

    /// <summary>The entry owner's platform reports a new version of a review (Art 26) to the applicant's platform.</summary>
    public const string ReviewChanged = "review.changed";

    /// <summary>
    /// A message between two platforms with no link of their own (two cities), carried level by level through the
    /// province (Art 23). The envelope names the hop (sender and receiver of this leg); the body is the message itself,
    /// whose From and To are its origin and destination.
    /// </summary>
    public const string Relayed = "relayed";
}

namespace DataSharing.Reviews;

public enum ReviewStatus
{
    /// <summary>Filed through the platform; the platform admin has yet to route it to the provider.</summary>
    AwaitingRouting,
    /// <summary>The provider verifies; it must answer within the rulebook's working days of receipt (Art 26).</summary>
    Verifying,
    /// <summary>Past the deadline (and any extension) unanswered; still answerable, recorded as late.</summary>
    Overdue,
    /// <summary>The data is right, with the provider's explanation.</summary>
    Confirmed,
    /// <summary>The data was wrong and is corrected.</summary>
    Corrected,
    /// <summary>
    /// The applicant's copy of a review of another platform's entry, sent there and not yet reported back (Art 23):
    /// that platform owns the case and its deadline.
    /// </summary>
    Forwarded,
    /// <summary>The entry's owning platform could not take a review filed on another platform (see <see cref="ReviewView.Refusal"/>).</summary>
    Refused,
}

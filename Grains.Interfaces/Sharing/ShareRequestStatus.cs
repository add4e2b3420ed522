namespace DataSharing.Sharing;

/// <summary>States of a share request (domain.md, "ShareRequest").</summary>
public enum ShareRequestStatus
{
    /// <summary>Conditional data: the provider must answer within the rulebook's working days (Art 25).</summary>
    AwaitingProvider,
    /// <summary>Past the answer deadline; still answerable, the answer is recorded as late.</summary>
    Overdue,
    Granted,
    Refused,
    Withdrawn,
    /// <summary>The grant's period ended.</summary>
    Expired,
    Revoked,
    /// <summary>
    /// Sent to the provider's platform (another cluster), which owns the case; its answer replaces this status as
    /// soon as the link delivers it.
    /// </summary>
    Forwarded,
}

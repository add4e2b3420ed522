using DataSharing.Common;

namespace DataSharing.Supervision;

public enum RectificationAction
{
    Report,
    Accept,
    Reject,
    Lapse,
    GovernmentOrder,
}

/// <summary>Art 43 as plain code: rectify by the authority's deadline, else the government's, else it is serious.</summary>
public static class RectificationStateMachine
{
    /// <param name="reportedFrom">For a rejection: the state the report was made in, which the notice returns to.</param>
    public static RectificationStatus? Next(RectificationStatus current, RectificationAction action, RectificationStatus? reportedFrom = null) =>
        (current, action) switch
        {
            (RectificationStatus.Open or RectificationStatus.GovernmentOrdered or RectificationStatus.Serious, RectificationAction.Report) => RectificationStatus.Reported,
            (RectificationStatus.Reported, RectificationAction.Accept) => RectificationStatus.Rectified,
            (RectificationStatus.Reported, RectificationAction.Reject) => reportedFrom ?? RectificationStatus.Open,
            (RectificationStatus.Open, RectificationAction.Lapse) => RectificationStatus.Escalated,
            (RectificationStatus.GovernmentOrdered, RectificationAction.Lapse) => RectificationStatus.Serious,
            (RectificationStatus.Escalated, RectificationAction.GovernmentOrder) => RectificationStatus.GovernmentOrdered,
            _ => null,
        };

    public static RectificationStatus Apply(string id, RectificationStatus current, RectificationAction action, RectificationStatus? reportedFrom = null) =>
        Next(current, action, reportedFrom) ?? throw new IllegalTransitionException(id, current.ToString(), action.ToString().ToLowerInvariant());

    /// <summary>States in which a deadline runs against the department.</summary>
    public static bool DeadlineRuns(RectificationStatus status) =>
        status is RectificationStatus.Open or RectificationStatus.GovernmentOrdered;
}

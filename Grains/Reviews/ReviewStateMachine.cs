using DataSharing.Common;

namespace DataSharing.Reviews;

/// <summary>The review state machine of domain.md (Art 26), as plain code.</summary>
public static class ReviewStateMachine
{
    /// <summary>Filed with the provider it is received at once; through the platform it waits to be routed.</summary>
    public static ReviewStatus OnFile(ReviewRoute route) =>
        route == ReviewRoute.Provider ? ReviewStatus.Verifying : ReviewStatus.AwaitingRouting;

    public static ReviewStatus? Next(ReviewStatus current, ReviewAction action) => (current, action) switch
    {
        (ReviewStatus.AwaitingRouting, ReviewAction.Route) => ReviewStatus.Verifying,
        // An extension is granted before the deadline passes; it keeps the review verifying.
        (ReviewStatus.Verifying, ReviewAction.Extend) => ReviewStatus.Verifying,
        (ReviewStatus.Verifying or ReviewStatus.Overdue, ReviewAction.Confirm) => ReviewStatus.Confirmed,
        (ReviewStatus.Verifying or ReviewStatus.Overdue, ReviewAction.Correct) => ReviewStatus.Corrected,
        (ReviewStatus.Verifying, ReviewAction.MarkOverdue) => ReviewStatus.Overdue,
        _ => null,
    };

    public static ReviewStatus Apply(string reviewId, ReviewStatus current, ReviewAction action) =>
        Next(current, action) ?? throw new IllegalTransitionException(reviewId, current.ToString(), action.ToString().ToLowerInvariant());

    /// <summary>Forwarded: the applicant's copy while the owner's platform has not yet reported the case (Art 23).</summary>
    public static bool IsOpen(ReviewStatus status) =>
        status is ReviewStatus.AwaitingRouting or ReviewStatus.Verifying or ReviewStatus.Overdue or ReviewStatus.Forwarded;
}

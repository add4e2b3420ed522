using DataSharing.Catalog;
using DataSharing.Common;

namespace DataSharing.Sharing;

/// <summary>The share-request state machine of domain.md, as plain code a test can drive without a silo.</summary>
public static class ShareRequestStateMachine
{
    /// <summary>Art 25: where a submitted request goes, by the entry's share type.</summary>
    public static ShareRequestStatus OnSubmit(ShareType shareType) => shareType switch
    {
        ShareType.Unconditional => ShareRequestStatus.Granted,
        ShareType.Conditional => ShareRequestStatus.AwaitingProvider,
        ShareType.NotShared => ShareRequestStatus.Refused,
        _ => throw new ArgumentOutOfRangeException(nameof(shareType), shareType, null),
    };

    public static ShareRequestStatus? Next(ShareRequestStatus current, ShareRequestAction action) => (current, action) switch
    {
        // An overdue request is still answerable (domain.md); the answer is recorded as late.
        (ShareRequestStatus.AwaitingProvider or ShareRequestStatus.Overdue, ShareRequestAction.Approve) => ShareRequestStatus.Granted,
        (ShareRequestStatus.AwaitingProvider or ShareRequestStatus.Overdue, ShareRequestAction.Refuse) => ShareRequestStatus.Refused,
        (ShareRequestStatus.AwaitingProvider or ShareRequestStatus.Overdue, ShareRequestAction.Withdraw) => ShareRequestStatus.Withdrawn,
        (ShareRequestStatus.AwaitingProvider, ShareRequestAction.MarkOverdue) => ShareRequestStatus.Overdue,
        (ShareRequestStatus.Granted, ShareRequestAction.Revoke) => ShareRequestStatus.Revoked,
        (ShareRequestStatus.Granted, ShareRequestAction.Expire) => ShareRequestStatus.Expired,
        _ => null,
    };

    /// <exception cref="IllegalTransitionException">The action is not allowed in <paramref name="current"/>.</exception>
    public static ShareRequestStatus Apply(string requestId, ShareRequestStatus current, ShareRequestAction action) =>
        Next(current, action) ?? throw new IllegalTransitionException(requestId, current.ToString(), action.ToString().ToLowerInvariant());

    /// <summary>States in which the provider owes an answer.</summary>
    public static bool AwaitsAnswer(ShareRequestStatus status) =>
        status is ShareRequestStatus.AwaitingProvider or ShareRequestStatus.Overdue;
}

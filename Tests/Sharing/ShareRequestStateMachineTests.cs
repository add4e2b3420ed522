using DataSharing.Catalog;
using DataSharing.Common;
using DataSharing.Sharing;
using static DataSharing.Sharing.ShareRequestStatus;

namespace DataSharing.Tests.Sharing;

public sealed class ShareRequestStateMachineTests
{
    [Theory]
    [InlineData(ShareType.Unconditional, Granted)]
    [InlineData(ShareType.Conditional, AwaitingProvider)]
    [InlineData(ShareType.NotShared, Refused)]
    public void Art25_a_submitted_request_goes_where_the_share_type_says(ShareType type, ShareRequestStatus expected) =>
        Assert.Equal(expected, ShareRequestStateMachine.OnSubmit(type));

    public static TheoryData<ShareRequestStatus, ShareRequestAction, ShareRequestStatus?> Table => new()
    {
        { AwaitingProvider, ShareRequestAction.Approve, Granted },
        { AwaitingProvider, ShareRequestAction.Refuse, Refused },
        { AwaitingProvider, ShareRequestAction.Withdraw, Withdrawn },
        { AwaitingProvider, ShareRequestAction.MarkOverdue, Overdue },
        { AwaitingProvider, ShareRequestAction.Revoke, null },
        { AwaitingProvider, ShareRequestAction.Expire, null },
        // Overdue is still answerable (the answer is recorded as late) and still withdrawable.
        { Overdue, ShareRequestAction.Approve, Granted },
        { Overdue, ShareRequestAction.Refuse, Refused },
        { Overdue, ShareRequestAction.Withdraw, Withdrawn },
        { Overdue, ShareRequestAction.MarkOverdue, null },
        { Granted, ShareRequestAction.Revoke, Revoked },
        { Granted, ShareRequestAction.Expire, Expired },
        { Granted, ShareRequestAction.Approve, null },
        { Granted, ShareRequestAction.Withdraw, null },
        { Refused, ShareRequestAction.Approve, null },
        { Withdrawn, ShareRequestAction.Approve, null },
        { Expired, ShareRequestAction.Revoke, null },
        { Revoked, ShareRequestAction.Expire, null },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Transitions_follow_the_table(ShareRequestStatus from, ShareRequestAction action, ShareRequestStatus? to) =>
        Assert.Equal(to, ShareRequestStateMachine.Next(from, action));

    [Fact]
    public void An_illegal_transition_names_the_current_state()
    {
        var e = Assert.Throws<IllegalTransitionException>(() => ShareRequestStateMachine.Apply("SR-1", Refused, ShareRequestAction.Approve));

        Assert.Equal("Refused", e.CurrentState);
        Assert.Equal("approve", e.Action);
    }

    [Fact]
    public void Every_state_and_action_pair_is_decided()
    {
        // A new state or action must be placed in the table above, not fall through silently.
        var decided = Table.Select(row => ((ShareRequestStatus)row[0], (ShareRequestAction)row[1])).ToHashSet();
        foreach (var state in new[] { AwaitingProvider, Overdue, Granted })
        {
            foreach (var action in Enum.GetValues<ShareRequestAction>().Where(a => ShareRequestStateMachine.Next(state, a) is not null))
            {
                Assert.Contains((state, action), decided);
            }
        }
    }
}

using DataSharing.Audit;
using DataSharing.Common;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace DataSharing.Federation;

/// <summary>
/// The inbox of the link from one peer. Messages are applied in sequence, each once: the next number is applied and
/// counted; a number already passed is a duplicate (a retry whose acknowledgement was lost, or a replay), answered
/// again and not applied; a number ahead is a gap, refused with the number to resend from. The effect itself is
/// idempotent by the message's act (the case keeps the version it applied, in the same write as the effect), so a
/// crash between the effect and this grain's write applies nothing twice when the message comes again.
/// </summary>
public sealed class FederationInboxGrain(
    [PersistentState("federationInbox", StorageNames.Platform)] IPersistentState<FederationInboxGrain.State> state,
    IOptions<FederationOptions> options,
    FederationRouting routing,
    IAuditLog log,
    TimeProvider time)
    : Grain, IFederationInboxGrain
{
    private string Peer => this.GetPrimaryKeyString();

    public async Task<InboxReceipt> Receive(InboundMessage message)
    {
        var s = state.State;
        if (message.Sequence < s.Expected)
        {
            s.Duplicates++;
            return new InboxReceipt(InboxOutcome.Duplicate, s.Expected);
        }

        if (message.Sequence > s.Expected)
        {
            s.Gaps++;
            return new InboxReceipt(InboxOutcome.Gap, s.Expected);
        }

        var action = "receive";
        try
        {
            await FederationEffects.Apply(GrainFactory, message.Message, routing);
        }
        catch (FederationRejectedException unreadable)
        {
            // Signed by the peer but not readable here (a version this platform does not know): kept in the log and
            // passed, so the messages behind it are not held up for ever; the peer's log and this one show it.
            action = "unreadable";
            s.Rejected++;
            s.LastRejection = $"{time.GetUtcNow():O} seq {message.Sequence}: {unreadable.Message}";
        }

        var self = options.Value.PlatformCode!;
        await log.Append([FederationLog.Entry(self, Peer, self, message.Sequence, action, message.Message, message.Token, time.GetUtcNow())]);
        s.Expected++;
        s.Applied++;
        await state.WriteStateAsync();
        return new InboxReceipt(InboxOutcome.Applied, s.Expected);
    }

    public Task Rejected(string reason)
    {
        state.State.Rejected++;
        state.State.LastRejection = $"{time.GetUtcNow():O} {reason}";
        return Task.CompletedTask;
    }

    public Task<FederationInboxStatus> Status()
    {
        var s = state.State;
        return Task.FromResult(new FederationInboxStatus(Peer, s.Expected, s.Applied, s.Duplicates, s.Gaps, s.Rejected, s.LastRejection));
    }

    /// <summary>The counters of duplicates, gaps and rejections are written with the next applied message (they are statistics, not state).</summary>
    [GenerateSerializer, Alias("FederationInboxState")]
    public sealed class State
    {
        [Id(0)] public long Expected { get; set; } = 1;
        [Id(1)] public long Applied { get; set; }
        [Id(2)] public long Duplicates { get; set; }
        [Id(3)] public long Gaps { get; set; }
        [Id(4)] public long Rejected { get; set; }
        [Id(5)] public string? LastRejection { get; set; }
    }
}

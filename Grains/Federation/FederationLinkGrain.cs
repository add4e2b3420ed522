using DataSharing.Audit;
using DataSharing.Calendar;
using DataSharing.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace DataSharing.Federation;

/// <summary>
/// The outbox of the link to one peer: messages are numbered in the order they arrive, delivered in that order, one
/// at a time, and removed only once the peer's signed acknowledgement is in the federation log. A failed attempt is
/// retried after a delay that doubles up to <see cref="FederationOptions.MaxRetryDelay"/>; a reminder wakes the link
/// while anything is undelivered, so a deactivation or a dead silo only postpones delivery.
/// </summary>
public sealed class FederationLinkGrain(
    [PersistentState("federationLink", StorageNames.Platform)] IPersistentState<FederationLinkGrain.State> state,
    IOptions<FederationOptions> options,
    IMessageSignature signature,
    FederationGate gate,
    FederationTransport transport,
    IAuditLog log,
    FederationMetrics metrics,
    TimeProvider time,
    ILogger<FederationLinkGrain> logger)
    : Grain, IFederationLinkGrain, IRemindable
{
    /// <summary>Ids of delivered messages remembered, so a case handing a message over twice (a crash between the two) sends it once.</summary>
    private const int RememberedDelivered = 512;

    private IGrainTimer? _timer;
    private TimeSpan _backoff;

    private string Peer => this.GetPrimaryKeyString();

    private string Self => options.Value.PlatformCode!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Report();
        Schedule(TimeSpan.Zero);
        return Task.CompletedTask;
    }

    public async Task Enqueue(FederationMessage message)
    {
        var s = state.State;
        if (s.Outbox.Any(m => m.Message.Id == message.Id) || s.Delivered.Contains(message.Id))
        {
            return;
        }

        if (s.Outbox.Count >= options.Value.MaxOutbox)
        {
            throw new InvalidOperationException($"The outbox to {Peer} holds {s.Outbox.Count} undelivered messages; the act keeps its message and retries.");
        }

        var now = time.GetUtcNow();
        // Armed before the write: no stored message without something to wake its delivery.
        await this.Arm(now + CaseDeadlines.RetryPeriod, now);
        s.Outbox.Add(new OutboundMessage(s.NextSequence, message, now));
        s.NextSequence++;
        s.Sent++;
        await Write();
        Schedule(TimeSpan.Zero);
    }

    public Task Wake()
    {
        Schedule(TimeSpan.Zero);
        return Task.CompletedTask;
    }

    public Task<FederationLinkStatus> Status() => Task.FromResult(Current());

    private FederationLinkStatus Current()
    {
        var s = state.State;
        return new FederationLinkStatus(Peer, s.Outbox.Count, s.Outbox.FirstOrDefault()?.EnqueuedAt, s.NextSequence,
            s.Sent, s.DeliveredCount, s.FailedAttempts, s.LastDeliveredAt, s.LastDeliveryLagSeconds, s.LastError);
    }

    private void Report() => metrics.Link(Current());

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        Schedule(TimeSpan.Zero);
        return Task.CompletedTask;
    }

    private void Schedule(TimeSpan dueIn)
    {
        if (state.State.Outbox.Count == 0 || _timer is not null)
        {
            return;
        }

        _timer = this.RegisterGrainTimer(Deliver, new GrainTimerCreationOptions(dueIn, Timeout.InfiniteTimeSpan) { Interleave = false });
    }

    private async Task Deliver(CancellationToken cancellation)
    {
        TimeSpan? retryIn = null;
        try
        {
            // Not cancelled by the timer's token: disposing the one-shot timer below cancels it, and a delivery
            // cut short is retried all the same.
            while (state.State.Outbox.Count > 0)
            {
                await DeliverHead();
            }

            _backoff = TimeSpan.Zero;
            await this.Disarm();
        }
        catch (Exception e)
        {
            var settings = options.Value;
            _backoff = _backoff == TimeSpan.Zero ? settings.MinRetryDelay : TimeSpan.FromTicks(Math.Min(_backoff.Ticks * 2, settings.MaxRetryDelay.Ticks));
            state.State.FailedAttempts++;
            state.State.LastError = $"{time.GetUtcNow():O} {e.GetType().Name}: {e.Message}";
            logger.LogInformation("Delivery to {Peer} failed ({Error}); retrying in {Delay}.", Peer, e.Message, _backoff);
            Report();
            retryIn = _backoff;
        }
        finally
        {
            _timer?.Dispose();
            _timer = null;
        }

        if (retryIn is { } delay)
        {
            Schedule(delay);
        }
    }

    private async Task DeliverHead()
    {
        var peer = options.Value.Peer(Peer) ?? throw new InvalidOperationException($"{Peer} is not a configured peer.");
        var head = state.State.Outbox[0];
        var token = signature.Sign(FederationEnvelope.Payload(head, time.GetUtcNow()));
        var ackToken = await transport.Send(peer, token);
        var ack = await gate.Ack(ackToken, Peer);
        if (ack.MessageId != head.Message.Id || ack.Sequence != head.Sequence)
        {
            throw new InvalidOperationException($"{Peer} acknowledged {ack.MessageId} (seq {ack.Sequence}), not {head.Message.Id} (seq {head.Sequence}).");
        }

        var now = time.GetUtcNow();
        if (ack.Outcome == InboxOutcome.Gap)
        {
            Resynchronize(ack.Expected);
            return;
        }

        await log.Append([
            FederationLog.Entry(Self, Self, Peer, head.Sequence, "send", head.Message, token, now),
            FederationLog.Entry(Self, Self, Peer, head.Sequence, "ack", head.Message, ackToken, now),
        ]);
        Remove(head, now);
        await Write();
    }

    /// <summary>
    /// The peer expects another number than the head's. Ahead of the head: it applied those already (their
    /// acknowledgements were lost with a crash before this state was written), so they count as delivered. Behind
    /// it: messages it never got are no longer here, which a written outbox never allows; it is reported and waits.
    /// </summary>
    private void Resynchronize(long expected)
    {
        var head = state.State.Outbox[0];
        if (expected <= head.Sequence)
        {
            throw new InvalidOperationException($"{Peer} expects seq {expected} but the outbox starts at {head.Sequence}: messages {expected}..{head.Sequence - 1} are not here to resend.");
        }

        var now = time.GetUtcNow();
        foreach (var applied in state.State.Outbox.TakeWhile(m => m.Sequence < expected).ToList())
        {
            Remove(applied, now);
        }
    }

    private void Remove(OutboundMessage message, DateTimeOffset now)
    {
        var s = state.State;
        s.Outbox.Remove(message);
        s.Delivered.Add(message.Message.Id);
        if (s.Delivered.Count > RememberedDelivered)
        {
            s.Delivered.RemoveAt(0);
        }

        s.DeliveredCount++;
        s.LastDeliveredAt = now;
        s.LastDeliveryLagSeconds = (now - message.EnqueuedAt).TotalSeconds;
        s.LastError = null;
        metrics.Delivered(Peer, now - message.EnqueuedAt);
    }

    private async Task Write()
    {
        try
        {
            await state.WriteStateAsync();
            Report();
        }
        catch
        {
            // What this activation holds may differ from what is stored: the next call reads the stored truth.
            this.DeactivateOnIdle();
            throw;
        }
    }

    [GenerateSerializer, Alias("FederationLinkState")]
    public sealed class State
    {
        [Id(0)] public long NextSequence { get; set; } = 1;
        [Id(1)] public List<OutboundMessage> Outbox { get; set; } = [];
        [Id(2)] public List<string> Delivered { get; set; } = [];
        [Id(3)] public long Sent { get; set; }
        [Id(4)] public long DeliveredCount { get; set; }
        [Id(5)] public long FailedAttempts { get; set; }
        [Id(6)] public DateTimeOffset? LastDeliveredAt { get; set; }
        [Id(7)] public double? LastDeliveryLagSeconds { get; set; }
        [Id(8)] public string? LastError { get; set; }
    }
}

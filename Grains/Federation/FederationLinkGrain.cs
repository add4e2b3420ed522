using DataSharing.Audit;
using DataSharing.Calendar;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace DataSharing.Federation;

/// <summary>
/// The outbox of the link to one peer (<see cref="IFederationOutboxStore"/>): messages are numbered in the order they
/// arrive, delivered in that order, one at a time, and removed only once the peer's signed acknowledgement is in the
/// federation log. A failed attempt is retried after a delay that doubles up to
/// <see cref="FederationOptions.MaxRetryDelay"/>; a reminder wakes the link while anything is undelivered, so a
/// deactivation or a dead silo only postpones delivery. Its own counters (attempts, last lag) are statistics of this
/// activation; what is owed lives in the store.
/// </summary>
public sealed class FederationLinkGrain(
    IFederationOutboxStore outbox,
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
    /// <summary>Messages read from the store at a time.</summary>
    private const int Batch = 32;

    private IGrainTimer? _timer;
    private TimeSpan _backoff;
    private long _failedAttempts;
    private DateTimeOffset? _lastDeliveredAt;
    private double? _lastLagSeconds;
    private string? _lastError;

    private string Peer => this.GetPrimaryKeyString();

    private string Self => options.Value.PlatformCode!;

    public override async Task OnActivateAsync(CancellationToken cancellationToken) => await Schedule(TimeSpan.Zero);

    public async Task Enqueue(FederationMessage message)
    {
        var depth = await outbox.Depth(Peer);
        if (depth.Count >= options.Value.MaxOutbox)
        {
            throw new InvalidOperationException($"The outbox to {Peer} holds {depth.Count} undelivered messages; the act keeps its message and retries.");
        }

        var now = time.GetUtcNow();
        // Armed before the message is kept: no stored message without something to wake its delivery.
        await this.Arm(now + CaseDeadlines.RetryPeriod, now);
        await outbox.Append(Peer, message, now);
        await Schedule(TimeSpan.Zero);
    }

    public Task Wake() => Schedule(TimeSpan.Zero);

    public async Task<FederationLinkStatus> Status()
    {
        var depth = await outbox.Depth(Peer);
        var sent = depth.NextSequence - 1;
        var status = new FederationLinkStatus(Peer, depth.Count, depth.OldestEnqueuedAt, depth.NextSequence, sent, sent - depth.Count,
            _failedAttempts, _lastDeliveredAt, _lastLagSeconds, _lastError);
        metrics.Link(status);
        return status;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => Schedule(TimeSpan.Zero);

    private async Task Schedule(TimeSpan dueIn)
    {
        if (_timer is not null || (await outbox.Depth(Peer)).Count == 0)
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
            for (var head = await outbox.Head(Peer, Batch); head.Count > 0; head = await outbox.Head(Peer, Batch))
            {
                foreach (var message in head)
                {
                    if (!await DeliverOne(message))
                    {
                        break;
                    }
                }
            }

            _backoff = TimeSpan.Zero;
            await this.Disarm();
        }
        catch (Exception e)
        {
            var settings = options.Value;
            _backoff = _backoff == TimeSpan.Zero ? settings.MinRetryDelay : TimeSpan.FromTicks(Math.Min(_backoff.Ticks * 2, settings.MaxRetryDelay.Ticks));
            _failedAttempts++;
            _lastError = $"{time.GetUtcNow():O} {e.GetType().Name}: {e.Message}";
            logger.LogInformation("Delivery to {Peer} failed ({Error}); retrying in {Delay}.", Peer, e.Message, _backoff);
            retryIn = _backoff;
        }
        finally
        {
            _timer?.Dispose();
            _timer = null;
        }

        await Status();
        if (retryIn is { } delay)
        {
            await Schedule(delay);
        }
    }

    /// <returns>False when the peer asked to resume elsewhere in the sequence: the head is read again.</returns>
    private async Task<bool> DeliverOne(OutboundMessage message)
    {
        var peer = options.Value.Peer(Peer) ?? throw new InvalidOperationException($"{Peer} is not a configured peer.");
        var token = signature.Sign(FederationEnvelope.Payload(message, time.GetUtcNow()));
        var ackToken = await transport.Send(peer, token);
        var ack = await gate.Ack(ackToken, Peer);
        if (ack.MessageId != message.Message.Id || ack.Sequence != message.Sequence)
        {
            throw new InvalidOperationException($"{Peer} acknowledged {ack.MessageId} (seq {ack.Sequence}), not {message.Message.Id} (seq {message.Sequence}).");
        }

        if (ack.Outcome == InboxOutcome.Gap)
        {
            await Resynchronize(message, ack.Expected);
            return false;
        }

        var now = time.GetUtcNow();
        await log.Append([
            FederationLog.Entry(Self, Self, Peer, message.Sequence, "send", message.Message, token, now),
            FederationLog.Entry(Self, Self, Peer, message.Sequence, "ack", message.Message, ackToken, now),
        ]);
        await outbox.RemoveThrough(Peer, message.Sequence);
        _lastDeliveredAt = now;
        _lastLagSeconds = (now - message.EnqueuedAt).TotalSeconds;
        _lastError = null;
        metrics.Delivered(Peer, now - message.EnqueuedAt);
        return true;
    }

    /// <summary>
    /// The peer expects another number than the head's. Ahead of the head: it applied those already (their
    /// acknowledgements were lost, e.g. with a crash before they were removed here), so they are removed. Behind it:
    /// messages it never got are no longer here, which removing only acknowledged messages never allows; it is
    /// reported and retried.
    /// </summary>
    private async Task Resynchronize(OutboundMessage head, long expected)
    {
        if (expected <= head.Sequence)
        {
            throw new InvalidOperationException($"{Peer} expects seq {expected} but the outbox starts at {head.Sequence}: messages {expected}..{head.Sequence - 1} are not here to resend.");
        }

        await outbox.RemoveThrough(Peer, expected - 1);
    }
}

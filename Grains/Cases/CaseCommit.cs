using DataSharing.Audit;
using DataSharing.Calendar;
using DataSharing.Departments;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Streams;

namespace DataSharing.Cases;

/// <summary>
/// How a case stores a new version of itself, so that an act is either not done (and reported as failed) or done and
/// answered as done, whatever fails around it (and, last, tells the open console pages through the case stream):
/// <list type="bullet">
/// <item>Before the write: the reminder of a new deadline is armed (no stored deadline without its reminder). If
/// anything fails up to and including the write, the act is reported as failed and the activation is dropped, so the
/// next call reads the stored truth rather than what this activation changed in memory (a write that timed out may
/// even have been stored: only the store knows).</item>
/// <item>After the write: the audit entry (written with the state) is appended, violations are recorded in the
/// violation log, the case's rows are published (lists, read model, assessment), and the reminder is disarmed when no
/// deadline runs. None of these fails the act: what did not go through stays pending in the state or is derived
/// again from it, and a reminder is armed to retry within <see cref="CaseDeadlines.RetryPeriod"/> (as a crash would
/// leave it to the next activation or tick).</item>
/// </list>
/// </summary>
public sealed class CaseCommit<TState>(
    IGrainBase grain, IPersistentState<TState> state, IGrainFactory grains, IAuditLog audit, ILogger logger, Func<Task> publish)
    where TState : ICaseState
{
    /// <param name="due">The instant the case must next be looked at, or null when it has no deadline now.</param>
    /// <param name="entry">The audit entry of this act; its id is derived from the new version.</param>
    public async Task Commit(DateTimeOffset? due, DateTimeOffset now, Func<int, AuditEntry> entry)
    {
        AuditEntry act;
        DateTimeOffset storedAt;
        try
        {
            if (due is { } dueAt)
            {
                await grain.Arm(dueAt, now);
            }

            state.State.Version++;
            act = entry(state.State.Version);
            state.State.PendingAudit.Add(act);
            await state.WriteStateAsync();
            storedAt = DateTimeOffset.UtcNow;
        }
        catch
        {
            grain.GrainContext.Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationRequested,
                "A write of the case failed; the next call reads the stored state."));
            throw;
        }

        await AfterCommit(due, now);
        // Not awaited: the act is done and answered as done; the nudge to open pages costs the caller no wait.
        _ = Announce(act, storedAt);
    }

    /// <summary>
    /// Puts the act on the case stream, after its rows are published, so a page that re-reads on the event sees it. A
    /// nudge only, never retried: a page that misses it shows the change on its next read (see README, "Console").
    /// </summary>
    private async Task Announce(AuditEntry act, DateTimeOffset storedAt)
    {
        try
        {
            var stream = grain.GetStreamProvider(CaseStreams.Provider).GetStream<CaseEvent>(StreamId.Create(CaseStreams.Namespace, CaseStreams.Key));
            await stream.OnNextAsync(new CaseEvent(act.CaseKind, act.CaseId, state.State.Version, act.Action, act.Before, act.After,
                act.Departments, act.At, storedAt));
        }
        catch (Exception e)
        {
            logger.LogInformation(e, "The case event of {Grain} was not published; open pages see the change on their next read.", grain.GrainContext.GrainId);
        }
    }

    /// <summary>
    /// On activation: settles what a crash (or a failure) left pending after an earlier write, and publishes the case's
    /// rows again, so a row lost between a write and its publication heals whenever the case is next touched.
    /// </summary>
    public async Task OnActivate(DateTimeOffset now)
    {
        if (!await Settle())
        {
            await Try(() => grain.Arm(now + CaseDeadlines.RetryPeriod, now), "arming the retry reminder");
        }
    }

    private async Task AfterCommit(DateTimeOffset? due, DateTimeOffset now)
    {
        if (await Settle())
        {
            if (due is null)
            {
                await Try(grain.Disarm, "disarming the reminder");
            }

            return;
        }

        // Something is still pending: a tick soon retries it (and re-arms for the deadline, if one runs, see DeadlineHasCome).
        await Try(() => grain.Arm(now + CaseDeadlines.RetryPeriod, now), "arming the retry reminder");
    }

    /// <summary>
    /// Appends pending audit entries, records pending violations and publishes the case's rows; true when nothing is
    /// left pending. Never throws: a failure is logged and left for the next try.
    /// </summary>
    public async Task<bool> Settle()
    {
        // Independent of one another, so they go together (in cluster mode, into the same group commit as often as not).
        var results = await Task.WhenAll(
            AuditOutbox.Flush(state.State.PendingAudit, audit, logger),
            Try(publish, "publishing the case's rows"));
        // After: recording violations writes the state, as publishing may (a case handing messages to another
        // platform), and two writes of one state at once would conflict. Violations are rare: this costs nothing
        // when there are none.
        return results.All(done => done) & await Try(RecordViolations, "recording violations");
    }

    /// <summary>
    /// On a reminder tick: settles what is pending, then says whether the deadline now running (<paramref name="due"/>)
    /// has come. With no deadline running the reminder is disarmed once nothing is pending; a tick that came early (the
    /// deadline moved, or a retry of pending steps) re-arms it for the right instant.
    /// </summary>
    public async Task<bool> DeadlineHasCome(DateTimeOffset? due, DateTimeOffset now)
    {
        var settled = await Settle();
        if (due is not { } dueAt)
        {
            if (settled)
            {
                await grain.Disarm();
            }

            return false;
        }

        if (now < dueAt)
        {
            await grain.Arm(settled ? dueAt : now + CaseDeadlines.RetryPeriod, now);
            return false;
        }

        return true;
    }

    private async Task RecordViolations()
    {
        if (state.State.PendingViolations.Count == 0)
        {
            return;
        }

        foreach (var violation in state.State.PendingViolations)
        {
            await grains.GetGrain<IViolationLogGrain>(0).Record(violation);
        }

        state.State.PendingViolations.Clear();
        await state.WriteStateAsync();
    }

    private async Task<bool> Try(Func<Task> step, string what)
    {
        try
        {
            await step();
            return true;
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "After a committed write of {Grain}, {Step} failed; it is retried.", grain.GrainContext.GrainId, what);
            return false;
        }
    }
}

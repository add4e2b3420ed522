using DataSharing.Audit;
using DataSharing.Calendar;
using DataSharing.Departments;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace DataSharing.Cases;

/// <summary>
/// How a case stores a new version of itself. The reminder for a new deadline is armed before the write; the
/// audit entry is written with the state and appended after it; violations are recorded on the department; the
/// old reminder is disarmed only when nothing is left to do. A crash at any point leaves either nothing changed
/// or a reminder (or an activation) that finishes the job.
/// </summary>
public sealed class CaseCommit<TState>(IGrainBase grain, IPersistentState<TState> state, IGrainFactory grains, IAuditLog audit, ILogger logger)
    where TState : ICaseState
{
    /// <param name="due">The instant the case must next be looked at, or null when it has no deadline now.</param>
    /// <param name="entry">The audit entry of this act; its id is derived from the new version.</param>
    public async Task Commit(DateTimeOffset? due, DateTimeOffset now, Func<int, AuditEntry> entry)
    {
        if (due is { } dueAt)
        {
            await grain.Arm(dueAt, now);
        }

        state.State.Version++;
        state.State.PendingAudit.Add(entry(state.State.Version));
        await state.WriteStateAsync();

        await FlushPending();
        if (due is null && state.State.PendingViolations.Count == 0)
        {
            await grain.Disarm();
        }
    }

    /// <summary>Appends pending audit entries and records pending violations; called after writes, on activation and on ticks.</summary>
    public async Task FlushPending()
    {
        await AuditOutbox.Flush(state.State.PendingAudit, audit, logger);
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

    /// <summary>
    /// On a reminder tick: records what is pending, then says whether the deadline now running (<paramref name="due"/>)
    /// has come. With no deadline running the reminder is disarmed (once nothing is pending); a tick that came early
    /// (the deadline moved) re-arms it for the right instant.
    /// </summary>
    public async Task<bool> DeadlineHasCome(DateTimeOffset? due, DateTimeOffset now)
    {
        await FlushPending();
        if (due is not { } dueAt)
        {
            if (state.State.PendingViolations.Count == 0)
            {
                await grain.Disarm();
            }

            return false;
        }

        if (now < dueAt)
        {
            await grain.Arm(dueAt, now);
            return false;
        }

        return true;
    }
}

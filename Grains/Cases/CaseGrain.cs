using DataSharing.Assessment;
using DataSharing.Audit;
using DataSharing.Common;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace DataSharing.Cases;

/// <summary>
/// The wiring every case grain with a deadline shares: its state, the domain clock and <see cref="CaseCommit{TState}"/>,
/// its departments' case lists and assessment, and the activation step that appends audit entries, records violations and refreshes
/// the lists, whatever a crash may have left pending.
/// </summary>
public abstract class CaseGrain<TState> : Grain, IRemindable
    where TState : ICaseState
{
    protected CaseGrain(IPersistentState<TState> state, PlatformClock clock, IAuditLog audit, IGrainFactory grains, ILogger logger)
    {
        CaseState = state;
        Clock = clock;
        Cases = new CaseCommit<TState>(this, state, grains, audit, logger, Index);
    }

    protected IPersistentState<TState> CaseState { get; }

    protected PlatformClock Clock { get; }

    protected CaseCommit<TState> Cases { get; }

    protected string Id => this.GetPrimaryKeyString();

    /// <summary>The case as its departments' lists show it, or null before it exists.</summary>
    protected abstract CaseSummary? Summary { get; }

    /// <summary>The case as its responsible department's assessment counts it (Art 42), or null if it does not count.</summary>
    protected abstract AssessedCase? Assessment { get; }

    public abstract Task ReceiveReminder(string reminderName, TickStatus status);

    public override Task OnActivateAsync(CancellationToken cancellationToken) => Cases.OnActivate(Clock.Now);

    /// <summary>Stores the new version and, after it, updates the case lists (see <see cref="CaseCommit{TState}.Commit"/>).</summary>
    protected Task Commit(DateTimeOffset? due, Func<int, AuditEntry> entry) => Cases.Commit(due, Clock.Now, entry);

    /// <summary>
    /// What a case hands on after a stored version besides its rows, first (a case of another platform's data hands
    /// its messages to the link, see <c>FederationOutbox</c>); retried with the rows until it succeeds.
    /// </summary>
    protected virtual Task HandOn() => Task.CompletedTask;

    /// <summary>
    /// Publishes the case's row in its lists and its assessment fact. The case is stored already when this runs, so a
    /// failure is not the act's: <see cref="CaseCommit{TState}"/> logs it and retries (an older version never replaces a
    /// newer one).
    /// </summary>
    private async Task Index()
    {
        await HandOn();
        if (Summary is { } summary)
        {
            await GrainFactory.GetGrain<ICaseListGrain>(0).Upsert(summary);
        }

        await Assessments.Report(GrainFactory, Assessment);
    }
}

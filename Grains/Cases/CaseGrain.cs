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
    private readonly ILogger _logger;

    protected CaseGrain(IPersistentState<TState> state, PlatformClock clock, IAuditLog audit, IGrainFactory grains, ILogger logger)
    {
        _logger = logger;
        CaseState = state;
        Clock = clock;
        Cases = new CaseCommit<TState>(this, state, grains, audit, logger);
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

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await Cases.FlushPending();
        await Publish(activating: true);
    }

    /// <summary>Stores the new version (see <see cref="CaseCommit{TState}.Commit"/>) and then updates the case lists.</summary>
    protected async Task Commit(DateTimeOffset? due, Func<int, AuditEntry> entry)
    {
        await Cases.Commit(due, Clock.Now, entry);
        await Publish(activating: false);
    }

    /// <summary>
    /// Publishes the case's row in its lists and its assessment fact. The case is stored already, so a failure here is
    /// not the act's: it is logged and healed by the next activation, which publishes again (an older version never
    /// replaces a newer one). After an act the activation is let go, so that the next call to the case is that activation.
    /// </summary>
    private async Task Publish(bool activating)
    {
        try
        {
            if (Summary is { } summary)
            {
                await GrainFactory.GetGrain<ICaseListGrain>(0).Upsert(summary);
            }

            await Assessments.Report(GrainFactory, Assessment);
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "Publishing case {Id} to its lists and assessment failed; it is published again on its next activation", Id);
            if (!activating)
            {
                DeactivateOnIdle();
            }
        }
    }
}

using DataSharing.Audit;
using DataSharing.Common;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace DataSharing.Cases;

/// <summary>
/// The wiring every case grain with a deadline shares: its state, the domain clock and <see cref="CaseCommit{TState}"/>,
/// and the activation step that appends audit entries and records violations a crash may have left pending.
/// </summary>
public abstract class CaseGrain<TState> : Grain, IRemindable
    where TState : ICaseState
{
    protected CaseGrain(IPersistentState<TState> state, PlatformClock clock, IAuditLog audit, IGrainFactory grains, ILogger logger)
    {
        CaseState = state;
        Clock = clock;
        Cases = new CaseCommit<TState>(this, state, grains, audit, logger);
    }

    protected IPersistentState<TState> CaseState { get; }

    protected PlatformClock Clock { get; }

    protected CaseCommit<TState> Cases { get; }

    protected string Id => this.GetPrimaryKeyString();

    public abstract Task ReceiveReminder(string reminderName, TickStatus status);

    public override Task OnActivateAsync(CancellationToken cancellationToken) => Cases.FlushPending();
}

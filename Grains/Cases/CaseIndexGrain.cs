using DataSharing.Common;
using Orleans.Runtime;

namespace DataSharing.Cases;

public sealed class CaseIndexGrain(
    [PersistentState("caseIndex", StorageNames.Platform)] IPersistentState<CaseIndexGrain.State> state)
    : Grain, ICaseIndexGrain
{
    public async Task Upsert(CaseSummary summary)
    {
        if (state.State.Cases.TryGetValue(summary.Id, out var known) && known.Version >= summary.Version)
        {
            return;
        }

        state.State.Cases[summary.Id] = summary;
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<CaseSummary>> List() =>
        Task.FromResult<IReadOnlyList<CaseSummary>>(state.State.Cases.Values.ToList());

    [GenerateSerializer, Alias("CaseIndexState")]
    public sealed class State
    {
        [Id(0)] public Dictionary<string, CaseSummary> Cases { get; set; } = [];
    }
}

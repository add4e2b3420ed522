using DataSharing.Common;
using Orleans.Runtime;

namespace DataSharing.Sharing;

public sealed class ShareRequestIndexGrain(
    [PersistentState("shareRequestIndex", StorageNames.Platform)] IPersistentState<ShareRequestIndexGrain.State> state)
    : Grain, IShareRequestIndexGrain
{
    public async Task Upsert(ShareRequestSummary row)
    {
        if (state.State.Rows.TryGetValue(row.Id, out var known) && (known.Version > row.Version || known == row))
        {
            return;
        }

        state.State.Rows[row.Id] = row;
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<ShareRequestSummary>> Query(ShareRequestFilter filter) =>
        Task.FromResult<IReadOnlyList<ShareRequestSummary>>(filter.Apply(state.State.Rows.Values).ToList());

    [GenerateSerializer, Alias("ShareRequestIndexState")]
    public sealed class State
    {
        [Id(0)] public Dictionary<string, ShareRequestSummary> Rows { get; set; } = new();
    }
}

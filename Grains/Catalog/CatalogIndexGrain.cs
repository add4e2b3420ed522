using DataSharing.Common;
using Orleans.Runtime;

namespace DataSharing.Catalog;

public sealed class CatalogIndexGrain(
    [PersistentState("catalogIndex", StorageNames.Platform)] IPersistentState<CatalogIndexGrain.State> state)
    : Grain, ICatalogIndexGrain
{
    public async Task Upsert(CatalogEntrySummary summary)
    {
        // Entries re-send their summary on activation; an older or identical copy changes nothing.
        if (state.State.Entries.TryGetValue(summary.Code, out var known)
            && (known.Version > summary.Version || known == summary))
        {
            return;
        }

        state.State.Entries[summary.Code] = summary;
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<CatalogEntrySummary>> List() =>
        Task.FromResult<IReadOnlyList<CatalogEntrySummary>>(state.State.Entries.Values.OrderBy(e => e.Code).ToList());

    [GenerateSerializer, Alias("CatalogIndexState")]
    public sealed class State
    {
        [Id(0)] public Dictionary<string, CatalogEntrySummary> Entries { get; set; } = new();
    }
}

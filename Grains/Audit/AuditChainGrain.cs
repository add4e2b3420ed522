using DataSharing.Common;
using Orleans.Runtime;

namespace DataSharing.Audit;

public sealed class AuditChainGrain(
    [PersistentState("auditChain", StorageNames.Platform)] IPersistentState<AuditChainGrain.State> state)
    : Grain, IAuditChainGrain
{
    public async Task Append(IReadOnlyList<AuditEntry> entries)
    {
        var added = false;
        foreach (var entry in entries)
        {
            if (state.State.Ids.Add(entry.Id))
            {
                state.State.Records.Add(AuditChain.Next(state.State.Records.LastOrDefault(), entry));
                added = true;
            }
        }

        if (added)
        {
            await state.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<AuditRecord>> Records(long afterSequence, int limit) =>
        Task.FromResult<IReadOnlyList<AuditRecord>>(state.State.Records.Where(r => r.Sequence > afterSequence).Take(limit).ToList());

    [GenerateSerializer, Alias("AuditChainState")]
    public sealed class State
    {
        [Id(0)] public List<AuditRecord> Records { get; set; } = [];
        [Id(1)] public HashSet<string> Ids { get; set; } = [];
    }
}

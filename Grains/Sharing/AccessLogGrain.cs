using DataSharing.Common;
using Orleans.Runtime;

namespace DataSharing.Sharing;

public sealed class AccessLogGrain(
    [PersistentState("accessLog", StorageNames.Platform)] IPersistentState<AccessLogGrain.State> state)
    : Grain, IAccessLogGrain
{
    public async Task Append(AccessCheckRecord record)
    {
        state.State.Records.Add(record);
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<AccessCheckRecord>> List() =>
        Task.FromResult<IReadOnlyList<AccessCheckRecord>>(state.State.Records.ToList());

    [GenerateSerializer, Alias("AccessLogState")]
    public sealed class State
    {
        [Id(0)] public List<AccessCheckRecord> Records { get; set; } = [];
    }
}

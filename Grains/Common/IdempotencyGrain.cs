using Orleans.Runtime;

namespace DataSharing.Common;

public sealed class IdempotencyGrain(
    [PersistentState("idempotency", StorageNames.Platform)] IPersistentState<IdempotencyGrain.State> state)
    : Grain, IIdempotencyGrain
{
    public async Task<IdempotencyClaim> Claim(string requestHash, string proposedId)
    {
        if (state.State.ResourceId is { } existing)
        {
            return state.State.RequestHash == requestHash
                ? new IdempotencyClaim(existing, Replayed: true)
                : throw new IdempotencyConflictException(KeyOf(this.GetPrimaryKeyString()), existing);
        }

        state.State.ResourceId = proposedId;
        state.State.RequestHash = requestHash;
        await state.WriteStateAsync();
        return new IdempotencyClaim(proposedId, Replayed: false);
    }

    public async Task<IdempotencyClaim> Rebind(string requestHash)
    {
        var id = state.State.ResourceId ?? throw new InvalidOperationException("Nothing is bound to this key yet.");
        state.State.RequestHash = requestHash;
        await state.WriteStateAsync();
        return new IdempotencyClaim(id, Replayed: false);
    }

    private static string KeyOf(string grainKey) => grainKey[(grainKey.LastIndexOf('|') + 1)..];

    [GenerateSerializer, Alias("IdempotencyState")]
    public sealed class State
    {
        [Id(0)] public string? ResourceId { get; set; }
        [Id(1)] public string? RequestHash { get; set; }
    }
}

namespace DataSharing.Common;

/// <summary>
/// Remembers which resource an Idempotency-Key created, keyed by "{scope}|{caller}|{key}". Claiming is durable
/// before the resource is created, and creating a resource under a given id is itself idempotent, so a retry
/// after any crash lands on the same id and never creates a second case.
/// </summary>
public interface IIdempotencyGrain : IGrainWithStringKey
{
    /// <summary>Returns the id bound to this key: <paramref name="proposedId"/> on first use, the earlier one on a retry.</summary>
    /// <exception cref="IdempotencyConflictException">The key was used with a different request.</exception>
    Task<IdempotencyClaim> Claim(string requestHash, string proposedId);

    /// <summary>
    /// Binds the key to another request body, keeping its id: for a claim whose first request was rejected (or
    /// crashed) before it created anything, so the corrected retry is not refused as a reuse.
    /// </summary>
    Task<IdempotencyClaim> Rebind(string requestHash);
}

[GenerateSerializer, Alias("IdempotencyClaim")]
public sealed record IdempotencyClaim([property: Id(0)] string ResourceId, [property: Id(1)] bool Replayed);

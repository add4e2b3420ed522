namespace DataSharing.Common;

/// <summary>An Idempotency-Key reused with a different request body: the retry is not a retry.</summary>
[GenerateSerializer, Alias("IdempotencyConflictException")]
public sealed class IdempotencyConflictException : DomainException
{
    public IdempotencyConflictException() { }

    public IdempotencyConflictException(string key, string existingId)
        : base($"Idempotency-Key '{key}' was already used for a different request (it created {existingId}).")
    {
        Key = key;
        ExistingId = existingId;
    }

    [Id(0)] public string Key { get; set; } = "";
    [Id(1)] public string ExistingId { get; set; } = "";
}

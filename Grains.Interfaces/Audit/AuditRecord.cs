namespace DataSharing.Audit;

/// <summary>An entry as the log keeps it: its place in the chain and the hashes that make tampering visible.</summary>
[GenerateSerializer, Immutable, Alias("AuditRecord")]
public sealed record AuditRecord(
    [property: Id(0)] long Sequence,
    [property: Id(1)] AuditEntry Entry,
    [property: Id(2)] string PreviousHash,
    [property: Id(3)] string Hash);

namespace DataSharing.Audit;

/// <summary>The result of recomputing the chain: intact, or the first record whose hash does not hold.</summary>
[GenerateSerializer, Alias("AuditVerification")]
public sealed record AuditVerification(
    [property: Id(0)] bool Intact,
    [property: Id(1)] long RecordsChecked,
    [property: Id(2)] long? FirstBrokenSequence,
    [property: Id(3)] string? Problem,
    [property: Id(4)] double? ElapsedSeconds = null,
    [property: Id(5)] double? RecordsPerSecond = null);

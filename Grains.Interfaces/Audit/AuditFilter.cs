namespace DataSharing.Audit;

[GenerateSerializer, Immutable, Alias("AuditFilter")]
public sealed record AuditFilter(
    [property: Id(0)] string? Department = null,
    [property: Id(1)] string? CaseId = null,
    [property: Id(2)] long AfterSequence = 0,
    [property: Id(3)] int Limit = 1000);

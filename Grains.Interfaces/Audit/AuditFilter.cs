namespace DataSharing.Audit;

/// <summary>
/// Which audit records to read: a department's, a case's or all, a page at a time in chain order after
/// <see cref="AfterSequence"/>, or, when <see cref="BeforeSequence"/> is given, newest first before it (use
/// <see cref="long.MaxValue"/> for the head), so that the newest records cost one index range however long the chain.
/// </summary>
[GenerateSerializer, Immutable, Alias("AuditFilter")]
public sealed record AuditFilter(
    [property: Id(0)] string? Department = null,
    [property: Id(1)] string? CaseId = null,
    [property: Id(2)] long AfterSequence = 0,
    [property: Id(3)] int Limit = 1000,
    [property: Id(4)] long? BeforeSequence = null)
{
    public bool NewestFirst => BeforeSequence is not null;
}

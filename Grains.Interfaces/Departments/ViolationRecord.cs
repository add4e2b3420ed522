namespace DataSharing.Departments;

/// <summary>
/// A breach of a duty found by the platform (e.g. a share request not answered in time: Art 43(4)).
/// <see cref="Id"/> is derived from the case, so recording the same breach twice keeps one record.
/// </summary>
[GenerateSerializer, Alias("ViolationRecord")]
public sealed record ViolationRecord(
    [property: Id(0)] string Id,
    [property: Id(1)] string Department,
    [property: Id(2)] string Article,
    [property: Id(3)] string CaseKind,
    [property: Id(4)] string CaseId,
    [property: Id(5)] string Description,
    [property: Id(6)] DateTimeOffset RecordedAt)
{
    /// <summary>The article of a duty not done in time (Art 43(4)), e.g. a share request not answered by its deadline.</summary>
    public const string NotInTime = "Art 43(4)";
}

using DataSharing.Common;

namespace DataSharing.Audit;

/// <summary>
/// One act to be kept (Art 38-41): who did what to which case, when, and the state before and after. <see cref="Id"/>
/// identifies the act itself (e.g. "SR-...#3" for version 3 of a request), so appending it twice keeps one record.
/// </summary>
[GenerateSerializer, Immutable, Alias("AuditEntry")]
public sealed record AuditEntry(
    [property: Id(0)] string Id,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] Actor By,
    [property: Id(3)] IReadOnlyList<string> Departments,
    [property: Id(4)] string CaseKind,
    [property: Id(5)] string CaseId,
    [property: Id(6)] string Action,
    [property: Id(7)] string? Before,
    [property: Id(8)] string? After);

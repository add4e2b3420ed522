namespace DataSharing.Cases;

/// <summary>
/// A case moved: published on the case stream after the new version is stored and its rows are published, so a page
/// that re-reads its lists on this nudge finds the change. It carries no more than the audit entry of the act: a
/// page decides from <see cref="Departments"/> whether the change concerns its reader, then reads the stores.
/// </summary>
[GenerateSerializer, Immutable, Alias("CaseEvent")]
public sealed record CaseEvent(
    [property: Id(0)] string CaseKind,
    [property: Id(1)] string CaseId,
    [property: Id(2)] int Version,
    [property: Id(3)] string Action,
    [property: Id(4)] string? Before,
    [property: Id(5)] string? After,
    [property: Id(6)] IReadOnlyList<string> Departments,
    [property: Id(7)] DateTimeOffset At,
    // When the grain stored the new version (real time, not the domain clock): for measuring the live path.
    [property: Id(8)] DateTimeOffset StoredAt);

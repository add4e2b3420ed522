using DataSharing.Common;

namespace DataSharing.CatalogChanges;

[GenerateSerializer, Alias("CatalogChangeView")]
public sealed record CatalogChangeView
{
    [Id(0)] public string Id { get; init; } = "";
    [Id(1)] public CatalogChangeStatus Status { get; init; }
    [Id(2)] public DeclareCatalogChange Declaration { get; init; } = new("", default, "", []);
    [Id(3)] public DateTimeOffset DeclaredAt { get; init; }
    [Id(4)] public Deadline UpdateDeadline { get; init; } = null!;
    [Id(5)] public DateTimeOffset? UpdatedAt { get; init; }
    [Id(6)] public Deadline? ReportDeadline { get; init; }
    [Id(7)] public DateTimeOffset? ReportedAt { get; init; }
    [Id(8)] public string? Report { get; init; }
    [Id(9)] public bool UpdateLate { get; init; }
    [Id(10)] public bool ReportLate { get; init; }
    [Id(11)] public IReadOnlyList<CaseTransition> History { get; init; } = [];
}

using DataSharing.Common;

namespace DataSharing.Supervision;

[GenerateSerializer, Alias("RectificationNoticeView")]
public sealed record RectificationNoticeView
{
    [Id(0)] public string Id { get; init; } = "";
    [Id(1)] public RectificationStatus Status { get; init; }
    [Id(2)] public IssueNotice Notice { get; init; } = new("", ViolationCategory.CatalogNotCompiled, "", default);
    [Id(3)] public Actor IssuedBy { get; init; } = Actor.System;
    [Id(4)] public DateTimeOffset IssuedAt { get; init; }
    /// <summary>The deadline running now: the authority's, then the government's.</summary>
    [Id(5)] public DateTimeOffset DueAt { get; init; }
    [Id(6)] public DateOnly? GovernmentRectifyBy { get; init; }
    [Id(7)] public string? LastReport { get; init; }
    [Id(8)] public IReadOnlyList<CaseTransition> History { get; init; } = [];
}

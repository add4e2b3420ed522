using DataSharing.Common;

namespace DataSharing.Catalog;

/// <summary>A city data authority's request for consent to one personalized catalog entry (Art 14).</summary>
[GenerateSerializer, Alias("PersonalizedCatalogRequestView")]
public sealed record PersonalizedCatalogRequestView
{
    [Id(0)] public string Id { get; init; } = "";
    [Id(1)] public PersonalizedCatalogStatus Status { get; init; }
    [Id(2)] public string EntryCode { get; init; } = "";
    [Id(3)] public string EntryName { get; init; } = "";
    [Id(4)] public string ProviderDepartment { get; init; } = "";
    /// <summary>Why the data is local and outside the provincial catalog.</summary>
    [Id(5)] public string Justification { get; init; } = "";
    [Id(6)] public Actor RequestedBy { get; init; } = Actor.System;
    [Id(7)] public DateTimeOffset RequestedAt { get; init; }
    /// <summary>The provincial authority's note on approval, or its reason on rejection.</summary>
    [Id(8)] public string? Decision { get; init; }
    [Id(9)] public IReadOnlyList<CaseTransition> History { get; init; } = [];
    /// <summary>On the province's case: the city platform that asked (Art 14 over the link); the decision goes back there.</summary>
    [Id(10)] public string? RequesterPlatform { get; init; }
    /// <summary>On the city's case: the province platform whose data authority decides it (nobody decides it here).</summary>
    [Id(11)] public string? ConsentPlatform { get; init; }
    /// <summary>When the other platform's message on the case arrived: the ask on the province's case, the decision on the city's.</summary>
    [Id(12)] public DateTimeOffset? ReportedAt { get; init; }
}

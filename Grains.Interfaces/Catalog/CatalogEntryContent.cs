namespace DataSharing.Catalog;

/// <summary>
/// The attributes a department compiles for one data resource (Art 13-14, 22, 24, 36). Every edit replaces the
/// whole content and makes a new version.
/// </summary>
[GenerateSerializer, Immutable, Alias("CatalogEntryContent")]
public sealed record CatalogEntryContent
{
    /// <summary>Subject category (分类), e.g. "population/household".</summary>
    [Id(0)] public string Classification { get; init; } = "";
    /// <summary>The responsible (providing) department's code.</summary>
    [Id(1)] public string ProviderDepartment { get; init; } = "";
    [Id(2)] public string Name { get; init; } = "";
    [Id(3)] public string Description { get; init; } = "";
    [Id(4)] public IReadOnlyList<DataItem> DataItems { get; init; } = [];
    /// <summary>Data format, e.g. "JSON", "CSV", "XLSX".</summary>
    [Id(5)] public string Format { get; init; } = "";
    [Id(6)] public ShareType ShareType { get; init; }
    [Id(7)] public string? ShareConditions { get; init; }
    /// <summary>Why the data is conditional or not shared (required unless Unconditional: Art 22).</summary>
    [Id(8)] public string? ShareReason { get; init; }
    /// <summary>The law, administrative regulation or central policy behind the restriction (Art 22).</summary>
    [Id(9)] public string? LegalBasis { get; init; }
    [Id(10)] public ShareMethod ShareMethod { get; init; }
    /// <summary>Materials a request must attach (Art 24).</summary>
    [Id(11)] public IReadOnlyList<string> RequiredMaterials { get; init; } = [];
    [Id(12)] public string UsageRequirements { get; init; } = "";
    /// <summary>How often the data is updated, e.g. "daily", "monthly".</summary>
    [Id(13)] public string UpdateFrequency { get; init; } = "";
    /// <summary>Working days within which a change in the source reaches the platform (Art 13, 17).</summary>
    [Id(14)] public int? UpdateTimeLimitWorkingDays { get; init; }
    [Id(15)] public OpenType OpenType { get; init; }
    [Id(16)] public string SecurityGrade { get; init; } = "";
    [Id(17)] public string? SourceSystem { get; init; }
    [Id(18)] public DateOnly? LastDataUpdate { get; init; }
    /// <summary>
    /// A city department's local data outside the provincial catalog, in the city's personalized catalog (个性化目录,
    /// Art 14): it is published only once the provincial data authority has consented.
    /// </summary>
    [Id(19)] public bool Personalized { get; init; }
    /// <summary>
    /// The data item whose value identifies a record of the entry's data (Art 17): an incremental upload inserts or
    /// replaces records by it. Without one, only whole replacements are possible.
    /// </summary>
    [Id(20)] public string? KeyItem { get; init; }
    /// <summary>
    /// How each data item is desensitized whenever the entry's data leaves the platform as open data (Art 36); an item
    /// named by no rule gets its standard data element's default. Null: the defaults only.
    /// </summary>
    [Id(21)] public IReadOnlyList<OpenData.DesensitizationRule>? Desensitization { get; init; }
    /// <summary>
    /// Whether the linked platforms list the entry too (Art 23); <see cref="Catalog.ShareScope.Federation"/>, the
    /// default, for entries compiled before the attribute existed as well.
    /// </summary>
    [Id(22)] public ShareScope ShareScope { get; init; }
}

namespace DataSharing.CatalogChanges;

/// <summary>A change of the law, regulation or rule a department relies on, or of its duties (Art 15).</summary>
[GenerateSerializer, Alias("DeclareCatalogChange")]
public sealed record DeclareCatalogChange(
    [property: Id(0)] string Department,
    [property: Id(1)] DateOnly ChangedOn,
    [property: Id(2)] string Basis,
    [property: Id(3)] IReadOnlyList<string> AffectedEntries);

namespace DataSharing.Catalog;

/// <summary>A field of a dataset; <see cref="StandardElementCode"/> is the standard data element it carries, if any.</summary>
[GenerateSerializer, Immutable, Alias("DataItem")]
public sealed record DataItem(
    [property: Id(0)] string Name,
    [property: Id(1)] string DataType,
    [property: Id(2)] string? StandardElementCode = null);

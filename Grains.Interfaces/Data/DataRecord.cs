namespace DataSharing.Data;

/// <summary>
/// One record of an entry's data: its key (the key item's value, or the line's ordinal for an entry without a key)
/// and its values in the order of the columns asked for.
/// </summary>
[GenerateSerializer, Immutable, Alias("DataRecord")]
public sealed record DataRecord(
    [property: Id(0)] string Key,
    [property: Id(1)] IReadOnlyList<string?> Values);

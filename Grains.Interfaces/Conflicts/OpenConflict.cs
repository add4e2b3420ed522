namespace DataSharing.Conflicts;

/// <summary>
/// Inconsistent data of one category provided by several departments (Art 27): the subject category, the standard
/// data element or data item concerned, and the departments.
/// </summary>
[GenerateSerializer, Alias("OpenConflict")]
public sealed record OpenConflict(
    [property: Id(0)] string Classification,
    [property: Id(1)] string DataItem,
    [property: Id(2)] IReadOnlyList<ConflictParty> Parties,
    [property: Id(3)] string Description,
    [property: Id(4)] string? StandardElementCode = null);

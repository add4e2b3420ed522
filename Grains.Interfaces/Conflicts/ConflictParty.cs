namespace DataSharing.Conflicts;

/// <summary>A department providing the data in conflict, and the catalog entry it provides it under, when known.</summary>
[GenerateSerializer, Alias("ConflictParty")]
public sealed record ConflictParty(
    [property: Id(0)] string Department,
    [property: Id(1)] string? EntryCode = null);

namespace DataSharing.OpenData;

/// <summary>What a member of the public asks for: conditionally open data of one entry, for a purpose, over a period (Art 36).</summary>
[GenerateSerializer, Immutable, Alias("OpenApplication")]
public sealed record OpenApplication(
    [property: Id(0)] string EntryCode,
    [property: Id(1)] string Purpose,
    [property: Id(2)] IReadOnlyList<string> DataItems,
    [property: Id(3)] DateOnly PeriodFrom,
    [property: Id(4)] DateOnly PeriodTo);

namespace DataSharing.Cases;

/// <summary>What a case list shows of one case: enough to sort an inbox and open the case.</summary>
[GenerateSerializer, Alias("CaseSummary")]
public sealed record CaseSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] string Kind,
    [property: Id(2)] string Status,
    [property: Id(3)] string Title,
    [property: Id(4)] IReadOnlyList<string> Departments,
    [property: Id(5)] DateTimeOffset? DueAt,
    [property: Id(6)] DateTimeOffset OpenedAt,
    [property: Id(7)] DateTimeOffset UpdatedAt,
    [property: Id(8)] int Version,
    [property: Id(9)] bool Open);

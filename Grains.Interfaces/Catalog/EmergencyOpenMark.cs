namespace DataSharing.Catalog;

/// <summary>An emergency opening of an entry (Art 35), as the entry carries it while the opening runs.</summary>
[GenerateSerializer, Immutable, Alias("EmergencyOpenMark")]
public sealed record EmergencyOpenMark(
    [property: Id(0)] string OpeningId,
    [property: Id(1)] string Reason,
    [property: Id(2)] DateTimeOffset ExpiresAt,
    [property: Id(3)] string UpdateFrequency);

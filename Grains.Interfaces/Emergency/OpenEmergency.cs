namespace DataSharing.Emergency;

/// <summary>
/// An emergency opening (Art 35): the entries a natural disaster, accident, public-health or social-security emergency
/// needs opened, why, until when, and how often the data is updated while open.
/// </summary>
[GenerateSerializer, Immutable, Alias("OpenEmergency")]
public sealed record OpenEmergency(
    [property: Id(0)] IReadOnlyList<string> EntryCodes,
    [property: Id(1)] string Reason,
    [property: Id(2)] DateTimeOffset ExpiresAt,
    [property: Id(3)] string UpdateFrequency);

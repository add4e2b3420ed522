namespace DataSharing.Sharing;

/// <summary>What a granted request authorizes: these items, for this scenario, through the end of <see cref="ValidTo"/>.</summary>
[GenerateSerializer, Immutable, Alias("ShareGrant")]
public sealed record ShareGrant(
    [property: Id(0)] IReadOnlyList<string> DataItems,
    [property: Id(1)] string Scenario,
    [property: Id(2)] DateOnly ValidFrom,
    [property: Id(3)] DateOnly ValidTo,
    [property: Id(4)] DateTimeOffset GrantedAt);

namespace DataSharing.Sharing;

[GenerateSerializer, Immutable, Alias("AccessDecision")]
public sealed record AccessDecision(
    [property: Id(0)] bool Allowed,
    [property: Id(1)] string Reason,
    [property: Id(2)] string? ShareRequestId,
    [property: Id(3)] IReadOnlyList<string> DeniedItems);

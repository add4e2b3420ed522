namespace DataSharing.Common;

/// <summary>One step in a case's history: who moved it from which state to which, when, and why.</summary>
[GenerateSerializer, Immutable, Alias("CaseTransition")]
public sealed record CaseTransition(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] Actor By,
    [property: Id(2)] string Action,
    [property: Id(3)] string? From,
    [property: Id(4)] string To,
    [property: Id(5)] string? Note);

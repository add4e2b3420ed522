namespace DataSharing.Cases;

/// <summary>
/// Which case list to read: the cases of <see cref="Kind"/> that concern <see cref="Department"/> (every department's
/// when null), with the status (compared ignoring case) and openness asked for, soonest due first.
/// </summary>
[GenerateSerializer, Alias("CaseListQuery")]
public sealed record CaseListQuery(
    [property: Id(0)] string Kind,
    [property: Id(1)] string? Department = null,
    [property: Id(2)] string? Status = null,
    [property: Id(3)] bool? Open = null);

namespace DataSharing.Common;

/// <summary>How many facts of a kind fell on <see cref="Day"/> (Shanghai date).</summary>
[GenerateSerializer, Immutable, Alias("DailyCount")]
public sealed record DailyCount(
    [property: Id(0)] DateOnly Day,
    [property: Id(1)] int Count);

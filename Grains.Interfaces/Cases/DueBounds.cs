namespace DataSharing.Cases;

/// <summary>
/// The instants open cases are counted against: <see cref="Now"/>, and the ends of today and of this week (Shanghai),
/// a deadline being the instant its last day ends.
/// </summary>
[GenerateSerializer, Immutable, Alias("DueBounds")]
public sealed record DueBounds(
    [property: Id(0)] DateTimeOffset Now,
    [property: Id(1)] DateTimeOffset TodayEnds,
    [property: Id(2)] DateTimeOffset WeekEnds);

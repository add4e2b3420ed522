namespace DataSharing.Common;

/// <summary>
/// A deadline counted in working days: the end (24:00 Asia/Shanghai) of <see cref="DueDate"/>.
/// Provisional when it crosses a year whose official arrangement is not loaded yet.
/// </summary>
[GenerateSerializer, Immutable, Alias("Deadline")]
public sealed record Deadline(
    [property: Id(0)] DateOnly StartDate,
    [property: Id(1)] int WorkingDays,
    [property: Id(2)] DateOnly DueDate,
    [property: Id(3)] DateTimeOffset DueAt,
    [property: Id(4)] bool Provisional);

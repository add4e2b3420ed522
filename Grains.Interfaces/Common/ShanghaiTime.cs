namespace DataSharing.Common;

/// <summary>
/// Local dates of the Measures. China has kept UTC+08:00 all year since 1991, so a fixed offset is exact and
/// keeps deadlines independent of the host's time-zone database.
/// </summary>
public static class ShanghaiTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    /// <summary>00:00 of <paramref name="date"/> in Asia/Shanghai.</summary>
    public static DateTimeOffset StartOf(DateOnly date) => new(date.ToDateTime(TimeOnly.MinValue), Offset);

    /// <summary>24:00 of <paramref name="date"/> in Asia/Shanghai, i.e. the first instant after it.</summary>
    public static DateTimeOffset EndOf(DateOnly date) => StartOf(date.AddDays(1));
}

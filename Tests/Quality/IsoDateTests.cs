using DataSharing.Quality;

namespace DataSharing.Tests.Quality;

public sealed class IsoDateTests
{
    [Theory]
    [InlineData("2026-11-25")]
    [InlineData("2024-02-29")]
    [InlineData("2000-02-29")]
    [InlineData("0001-01-01")]
    [InlineData("9999-12-31")]
    public void Art19_a_calendar_date_written_yyyy_MM_dd_is_valid(string date)
    {
        Assert.Null(IsoDate.Validate(date));
        Assert.True(IsoDate.TryParse(date, out var parsed));
        Assert.Equal(DateOnly.ParseExact(date, "yyyy-MM-dd"), parsed);
    }

    [Theory]
    [InlineData("2026-02-29")] // not a leap year
    [InlineData("1900-02-29")] // nor was 1900
    [InlineData("2026-04-31")]
    [InlineData("2026-13-01")]
    [InlineData("2026-00-10")]
    [InlineData("2026-01-00")]
    [InlineData("0000-01-01")]
    [InlineData("2026-1-5")]
    [InlineData("2026/01/05")]
    [InlineData("20260105")]
    [InlineData("2026-01-05T00:00")]
    [InlineData(" 2026-01-05")]
    [InlineData("２０２６-01-05")] // full-width digits
    [InlineData("05-01-2026")]
    public void Art19_anything_else_is_not_a_date(string value) => Assert.Contains("YYYY-MM-DD", IsoDate.Validate(value));
}

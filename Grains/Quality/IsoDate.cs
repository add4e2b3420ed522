namespace DataSharing.Quality;

/// <summary>
/// A calendar date written yyyy-MM-dd (ISO 8601, as the API writes dates), parsed by hand: a quality check runs over
/// every value of an upload, and a real date is all that matters (2026-02-29 is not one).
/// </summary>
public static class IsoDate
{
    public const string Rule = "type:date";

    public static string? Validate(string value) =>
        TryParse(value, out _) ? null : "It is not a calendar date written YYYY-MM-DD.";

    public static bool TryParse(ReadOnlySpan<char> value, out DateOnly date)
    {
        date = default;
        return value.Length == 10 && value[4] == '-' && value[7] == '-'
            && TryDate(value[..4], value.Slice(5, 2), value.Slice(8, 2), out date);
    }

    /// <summary>Eight digits YYYYMMDD, as inside a resident identity number.</summary>
    public static bool TryParseDigits(ReadOnlySpan<char> value, out DateOnly date)
    {
        date = default;
        return value.Length == 8 && TryDate(value[..4], value.Slice(4, 2), value.Slice(6, 2), out date);
    }

    private static bool TryDate(ReadOnlySpan<char> year, ReadOnlySpan<char> month, ReadOnlySpan<char> day, out DateOnly date)
    {
        date = default;
        if (!TryDigits(year, out var y) || !TryDigits(month, out var m) || !TryDigits(day, out var d)
            || y < 1 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m))
        {
            return false;
        }

        date = new DateOnly(y, m, d);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> digits, out int number)
    {
        number = 0;
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            number = number * 10 + (c - '0');
        }

        return true;
    }
}

namespace DataSharing.Quality;

/// <summary>
/// The 18-character resident identity number of GB 11643-1999: a 6-digit region code, the birth date (YYYYMMDD), a
/// 3-digit sequence and a check character (ISO 7064 MOD 11-2: a digit or X). Messages never quote the value: an
/// error report travels further than the data it describes (Art 39).
/// </summary>
public static class ResidentIdentityNumber
{
    public const string Rule = "GB 11643";

    private static ReadOnlySpan<byte> Weights => [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    private const string CheckCharacters = "10X98765432";

    /// <summary>Null when valid; otherwise what is wrong. A birth date after <paramref name="today"/> is wrong when it is given.</summary>
    public static string? Validate(string value, DateOnly? today = null)
    {
        if (value.Length != 18)
        {
            return $"It has {value.Length} characters; a resident identity number has 18.";
        }

        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(value[i]))
            {
                return $"Character {i + 1} is not a digit; only the last character may be X.";
            }
        }

        var last = value[17];
        if (last == 'x')
        {
            return "The check character is a lower-case x; GB 11643 writes an upper-case X.";
        }

        if (!char.IsAsciiDigit(last) && last != 'X')
        {
            return "The last character is neither a digit nor X.";
        }

        // The region code's first digit names a region of China (1-8) or, since 2023, a foreigner's permanent residence (9).
        if (value[0] == '0')
        {
            return "The region code (digits 1-6) starts with 0, which no region has.";
        }

        if (!TryGetBirthDate(value, out var birth))
        {
            return "Digits 7-14 are not a birth date (YYYYMMDD from 1900).";
        }

        if (today is { } now && birth > now)
        {
            return $"The birth date (digits 7-14) is after {now:yyyy-MM-dd}.";
        }

        var expected = CheckCharacter(value.AsSpan(0, 17));
        return expected == last ? null : $"The check character is {last}; digits 1-17 give {expected}.";
    }

    /// <summary>The check character of the first 17 digits: sum of digit × weight, mod 11, indexes "10X98765432".</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17)
        {
            throw new ArgumentException("The check character is computed over exactly 17 digits.", nameof(first17));
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * Weights[i];
        }

        return CheckCharacters[sum % 11];
    }

    /// <summary>The birth date in digits 7-14 of an 18-character number (from 1900); the check character is not verified.</summary>
    public static bool TryGetBirthDate(string value, out DateOnly birth)
    {
        birth = default;
        return value.Length == 18
            && IsoDate.TryParseDigits(value.AsSpan(6, 8), out birth)
            && birth.Year >= 1900;
    }
}

namespace DataSharing.Quality;

/// <summary>
/// The 18-character unified social credit code of legal persons and other organizations (GB 32100-2015): a
/// registration authority code, an organization type, the 6-digit administrative division code, the 9-character
/// organization code and a check character, all from the 31 characters "0123456789ABCDEFGHJKLMNPQRTUWXY" (no I, O, S,
/// V, Z, which read like digits).
/// </summary>
public static class SocialCreditCode
{
    public const string Rule = "GB 32100";

    public const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private static ReadOnlySpan<byte> Weights => [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    public static string? Validate(string value)
    {
        if (value.Length != 18)
        {
            return $"It has {value.Length} characters; a unified social credit code has 18.";
        }

        for (var i = 0; i < 18; i++)
        {
            if (ValueOf(value[i]) < 0)
            {
                return value[i] is >= 'a' and <= 'z'
                    ? $"Character {i + 1} is a lower-case letter; GB 32100 writes upper-case letters."
                    : $"Character {i + 1} is not one of the code's characters (digits and upper-case letters except I, O, S, V, Z).";
            }
        }

        for (var i = 2; i < 8; i++)
        {
            if (!char.IsAsciiDigit(value[i]))
            {
                return "Characters 3-8 are not an administrative division code (6 digits).";
            }
        }

        var expected = CheckCharacter(value.AsSpan(0, 17));
        return expected == value[17] ? null : $"The check character is {value[17]}; characters 1-17 give {expected}.";
    }

    /// <summary>31 − (Σ value × weight mod 31), where 31 becomes 0, as a character of <see cref="Alphabet"/>.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17)
        {
            throw new ArgumentException("The check character is computed over exactly 17 characters.", nameof(first17));
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var v = ValueOf(first17[i]);
            if (v < 0)
            {
                throw new ArgumentException($"Character {i + 1} is not one of the code's characters.", nameof(first17));
            }

            sum += v * Weights[i];
        }

        return Alphabet[(31 - sum % 31) % 31];
    }

    /// <summary>The character's value (its index in <see cref="Alphabet"/>), or -1.</summary>
    private static int ValueOf(char c) => c < 128 ? Alphabet.IndexOf(c) : -1;
}

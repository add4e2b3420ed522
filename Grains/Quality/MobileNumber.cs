namespace DataSharing.Quality;

/// <summary>A mainland China mobile number as stored: 11 digits, 1 then 3-9, no country code, spaces or dashes.</summary>
public static class MobileNumber
{
    public const string Rule = "mobile";

    public static string? Validate(string value)
    {
        if (value.Length != 11)
        {
            return $"It has {value.Length} characters; a mobile number has 11 digits.";
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiDigit(c))
            {
                return "A mobile number has only digits (no country code, spaces or dashes).";
            }
        }

        return value[0] == '1' && value[1] is >= '3' and <= '9'
            ? null
            : "A mainland mobile number starts with 13 to 19.";
    }
}

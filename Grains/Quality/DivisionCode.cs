using System.Collections.Frozen;

namespace DataSharing.Quality;

/// <summary>
/// Administrative division codes (GB/T 2260) of the platform's province, Anhui (34): the province 340000, its 16
/// prefecture-level cities 34CC00 and the counties and districts 34CCxx under them. The county list changes with
/// every redistricting, so a county is any code under a city rather than a list that would go stale.
/// </summary>
public static class DivisionCode
{
    public const string Rule = "GB/T 2260";

    public const string Province = "340000";

    /// <summary>The prefecture-level cities by code.</summary>
    public static readonly FrozenDictionary<string, string> Cities = new Dictionary<string, string>
    {
        ["340100"] = "Hefei",
        ["340200"] = "Wuhu",
        ["340300"] = "Bengbu",
        ["340400"] = "Huainan",
        ["340500"] = "Ma'anshan",
        ["340600"] = "Huaibei",
        ["340700"] = "Tongling",
        ["340800"] = "Anqing",
        ["341000"] = "Huangshan",
        ["341100"] = "Chuzhou",
        ["341200"] = "Fuyang",
        ["341300"] = "Suzhou",
        ["341500"] = "Lu'an",
        ["341600"] = "Bozhou",
        ["341700"] = "Chizhou",
        ["341800"] = "Xuancheng",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // The same cities as a range (no 3409; 3414 was Chaohu until 2011): a check per value must not build a string.
    private static bool IsCity(int cityDigits) => cityDigits is >= 3401 and <= 3418 and not 3409 and not 3414;

    public static string? Validate(string value)
    {
        if (value.Length != 6)
        {
            return $"It has {value.Length} characters; a division code has 6 digits.";
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiDigit(c))
            {
                return "A division code has only digits.";
            }
        }

        if (value[0] != '3' || value[1] != '4')
        {
            return "The code is outside Anhui (34xxxx), the platform's province.";
        }

        var cityDigits = (value[2] - '0') * 10 + (value[3] - '0');
        if (cityDigits == 0)
        {
            return value[4] == '0' && value[5] == '0' ? null : "Under the province (3400xx) only 340000 is a division.";
        }

        return IsCity(3400 + cityDigits) ? null : $"34{value[2]}{value[3]} is not a prefecture-level city of Anhui.";
    }

    /// <summary>The city a valid code belongs to (first 4 digits + "00"); the province stays itself; null when not valid.</summary>
    public static string? CityOf(string value) =>
        Validate(value) is not null ? null
        : value.EndsWith("00", StringComparison.Ordinal) ? value
        : string.Concat(value.AsSpan(0, 4), "00");
}

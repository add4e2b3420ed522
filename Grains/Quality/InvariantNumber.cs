using System.Globalization;

namespace DataSharing.Quality;

/// <summary>
/// Numbers as data files carry them, whatever the culture of the machine: an optional leading sign, digits and, for a
/// decimal, one '.' point. No group separators, exponents or surrounding spaces ("1,000" is a thousand in one culture
/// and one in another).
/// </summary>
public static class InvariantNumber
{
    public const string DecimalRule = "type:decimal";

    public const string IntegerRule = "type:integer";

    private const NumberStyles DecimalStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;

    public static string? ValidateDecimal(string value) =>
        decimal.TryParse(value, DecimalStyle, CultureInfo.InvariantCulture, out _)
            ? null
            : "It is not a decimal number: digits with an optional sign and '.' point (no group separators or exponent).";

    public static string? ValidateInteger(string value) =>
        long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)
            ? null
            : "It is not an integer: digits with an optional sign, within ±9223372036854775807.";
}

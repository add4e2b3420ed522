using DataSharing.Catalog;
using DataSharing.Quality;

namespace DataSharing.OpenData;

/// <summary>
/// Makes values coarser (Art 36: desensitized data may be opened). A value that cannot be generalized (a date that is
/// not one) gives null: a rule that cannot hide a value must not show it instead.
/// </summary>
public static class Generalize
{
    /// <summary>Characters of an address kept when it names no district or county ("安徽省合肥市" is 6).</summary>
    public const int DefaultDistrictFallback = 6;

    /// <summary>A marker further into the text than this is in the street part, not the district.</summary>
    public const int MaxDistrictPosition = 20;

    /// <summary>
    /// How an item generalizes: as its standard data element says, else a "date" to its year and "string" or "text"
    /// (an address without an element code, say) to its district; null when it cannot (numbers, geometry, a name).
    /// </summary>
    public static Generalization? For(DataItem item) =>
        StandardElements.Find(item.StandardElementCode) is { } element
            ? element.Generalization
            : item.DataType.Trim().ToLowerInvariant() switch
            {
                "date" => Generalization.Year,
                "string" or "text" => Generalization.District,
                _ => null,
            };

    public static string? Apply(Generalization kind, string value, int districtFallback = DefaultDistrictFallback) => kind switch
    {
        Generalization.Year => Year(value),
        Generalization.BirthYear => BirthYear(value),
        Generalization.City => City(value),
        Generalization.District => District(value, districtFallback),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>A date (yyyy-MM-dd) → its year.</summary>
    public static string? Year(string date) => IsoDate.TryParse(date, out _) ? date[..4] : null;

    /// <summary>A resident identity number → the year of its birth date (digits 7-10).</summary>
    public static string? BirthYear(string identityNumber) =>
        ResidentIdentityNumber.TryGetBirthDate(identityNumber, out _) ? identityNumber.Substring(6, 4) : null;

    /// <summary>A division code → its city; the province stays the province.</summary>
    public static string? City(string divisionCode) => DivisionCode.CityOf(divisionCode);

    /// <summary>
    /// An address → everything up to its district or county: cut after the first 区 or 县 (县级市 and 市辖区 whole)
    /// within <see cref="MaxDistrictPosition"/> characters, where 小区 (a housing estate) and 社区 (a community) are
    /// below district level and do not count. Without one, the first <paramref name="fallbackLength"/> characters.
    /// "安徽省合肥市蜀山区长江西路100号" → "安徽省合肥市蜀山区".
    /// </summary>
    public static string District(string address, int fallbackLength = DefaultDistrictFallback)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fallbackLength, 1);
        var end = Math.Min(address.Length, MaxDistrictPosition);
        for (var i = 0; i < end; i++)
        {
            if (Marker(address.AsSpan(i)) is var length and > 0 && (i == 0 || address[i - 1] is not ('小' or '社')))
            {
                return address[..(i + length)];
            }
        }

        return Prefix(address, fallbackLength);
    }

    /// <summary>The length of the district marker at the start of <paramref name="text"/>, or 0.</summary>
    private static int Marker(ReadOnlySpan<char> text) =>
        text.StartsWith("县级市") || text.StartsWith("市辖区") ? 3
        : text[0] is '区' or '县' ? 1
        : 0;

    /// <summary>The first characters; one outside the BMP (two UTF-16 units) is kept whole, never cut in half.</summary>
    private static string Prefix(string text, int length)
    {
        if (text.Length <= length)
        {
            return text;
        }

        return char.IsHighSurrogate(text[length - 1]) ? text[..(length + 1)] : text[..length];
    }
}

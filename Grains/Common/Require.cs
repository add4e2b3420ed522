using System.Buffers;
using System.Text;

namespace DataSharing.Common;

/// <summary>
/// The checks every input goes through before anything is written, so every field fails the same way and the
/// message says what is wrong with the value (out of range, a control character, too long), not just that it is.
/// </summary>
public static class Require
{
    /// <summary>Prose a person writes (descriptions, reasons, findings): a few paragraphs, never a document.</summary>
    public const int MaxText = 4000;

    /// <summary>One line: names, classifications, data item names, references, formats.</summary>
    public const int MaxLine = 200;

    /// <summary>Ids and codes (case ids, catalog and department codes) are short; a long one is a mistake or an attack.</summary>
    public const int MaxId = 64;

    /// <summary>The most entries a list in a request may have unless its rule says fewer (e.g. an entry's data items).</summary>
    public const int MaxItems = 100;

    /// <summary>
    /// The dates the platform accepts. The Measures are of 2020 and its cases concern current data, so a date before
    /// 2000 or after 2100 is a typo (0001-01-01 is what a missing date deserializes to; 9999-12-31 overflows the
    /// instant at the end of that day). The working-day calendar covers the same years.
    /// </summary>
    public static readonly DateOnly EarliestDate = new(2000, 1, 1);

    public static readonly DateOnly LatestDate = new(2100, 12, 31);

    /// <summary>Required prose: newlines and tabs allowed, other control characters not.</summary>
    public static void Text(string? value, string field, string? article = null)
    {
        Present(value, field, article);
        OptionalText(value, field, article);
    }

    /// <summary>Optional prose: absent or empty is fine; otherwise as <see cref="Text"/>.</summary>
    public static void OptionalText(string? value, string field, string? article = null) =>
        Checked(value, field, MaxText, multiLine: true, article);

    /// <summary>The same check as <see cref="OptionalText"/>, under the name its first callers knew it by.</summary>
    public static void MaxLength(string? value, string field) => OptionalText(value, field);

    /// <summary>A required single line (a name, a classification): no control characters at all.</summary>
    public static void Line(string? value, string field, string? article = null, int max = MaxLine)
    {
        Present(value, field, article);
        OptionalLine(value, field, article, max);
    }

    public static void OptionalLine(string? value, string field, string? article = null, int max = MaxLine) =>
        Checked(value, field, max, multiLine: false, article);

    /// <summary>
    /// A required id or code: letters, digits, '.', '_' and '-', starting with a letter or digit. Grain keys come from
    /// such values, and an empty or blank key is refused by Orleans itself, so this check comes before any grain call.
    /// </summary>
    public static void Id(string? value, string field, string? article = null)
    {
        Present(value, field, article);
        if (value!.Length > MaxId || !IsIdChar(value[0], first: true) || !value.All(c => IsIdChar(c, first: false)))
        {
            throw new ValidationFailedException(field,
                $"{field} {Shown(value)} is not an id: 1 to {MaxId} letters, digits, '.', '_' or '-', starting with a letter or digit.", article);
        }
    }

    public static void OptionalId(string? value, string field, string? article = null)
    {
        if (value is not null)
        {
            Id(value, field, article);
        }
    }

    /// <summary>A required date within <see cref="EarliestDate"/>..<see cref="LatestDate"/>; returns it.</summary>
    public static DateOnly Date(DateOnly? value, string field, string? article = null)
    {
        if (value is not { } date)
        {
            throw new ValidationFailedException(field, $"{field} is required (a date written YYYY-MM-DD).", article);
        }

        if (date < EarliestDate || date > LatestDate)
        {
            throw new ValidationFailedException(field,
                $"{field} {date:yyyy-MM-dd} is outside the dates the platform accepts, {EarliestDate:yyyy-MM-dd} to {LatestDate:yyyy-MM-dd}.", article);
        }

        return date;
    }

    public static void OptionalDate(DateOnly? value, string field, string? article = null)
    {
        if (value is not null)
        {
            Date(value, field, article);
        }
    }

    /// <summary>A required instant whose date (Asia/Shanghai) is within the dates the platform accepts; returns it.</summary>
    public static DateTimeOffset Instant(DateTimeOffset? value, string field, string? article = null)
    {
        if (value is not { } instant)
        {
            throw new ValidationFailedException(field, $"{field} is required (an instant written like 2026-09-24T10:00:00+08:00).", article);
        }

        // Compared in UTC first: moving 9999-12-31T23:59Z to Shanghai time would overflow.
        var utc = DateOnly.FromDateTime(instant.UtcDateTime);
        if (utc < EarliestDate || utc >= LatestDate || ShanghaiTime.DateOf(instant) > LatestDate)
        {
            throw new ValidationFailedException(field,
                $"{field} {instant:O} is outside the dates the platform accepts, {EarliestDate:yyyy-MM-dd} to {LatestDate:yyyy-MM-dd}.", article);
        }

        return instant;
    }

    /// <summary>Both ends within range and in order; the error names the end at fault.</summary>
    public static void Period(DateOnly from, DateOnly to, string fromField, string toField, string? article = null)
    {
        Date(from, fromField, article);
        Date(to, toField, article);
        if (to < from)
        {
            throw new ValidationFailedException(toField, $"{toField} {to:yyyy-MM-dd} is before {fromField} {from:yyyy-MM-dd}.", article);
        }
    }

    /// <summary>A whole number within [min, max].</summary>
    public static void Range(long value, string field, long min, long max, string? article = null)
    {
        if (value < min || value > max)
        {
            throw new ValidationFailedException(field, $"{field} is {value}; it must be between {min} and {max}.", article);
        }
    }

    /// <summary>A list of at most <paramref name="max"/> entries, none of them null (JSON allows [null]).</summary>
    public static void Items<T>(IReadOnlyList<T?>? list, string field, int max = MaxItems, string? article = null)
    {
        if (list is null)
        {
            return;
        }

        if (list.Count > max)
        {
            throw new ValidationFailedException(field, $"{field} has {list.Count} entries; at most {max} are accepted.", article);
        }

        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is null)
            {
                throw new ValidationFailedException($"{field}[{i}]", $"{field}[{i}] is null.", article);
            }
        }
    }

    /// <summary>A list of single-line values (e.g. data item names), bounded, each a line, none listed twice.</summary>
    public static void DistinctLines(IReadOnlyList<string?>? list, string field, int max = MaxItems, string? article = null)
    {
        Items(list, field, max, article);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (list?.Count ?? 0); i++)
        {
            Line(list![i], $"{field}[{i}]", article);
            if (!seen.Add(list[i]!))
            {
                throw new ValidationFailedException($"{field}[{i}]", $"{field}[{i}] '{list[i]}' is listed twice.", article);
            }
        }
    }

    private static void Present(string? value, string field, string? article)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new ValidationFailedException(field, article is null ? $"{field} is required." : $"{field} is required ({article}).", article);
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ValidationFailedException(field, $"{field} is blank: it has only white space.", article);
        }
    }

    private static void Checked(string? value, string field, int max, bool multiLine, string? article)
    {
        if (value is null)
        {
            return;
        }

        if (value.Length > max)
        {
            throw new ValidationFailedException(field, $"{field} is {value.Length} characters long; at most {max} are accepted.", article);
        }

        if (ForbiddenIn(value, multiLine) is { } what)
        {
            throw new ValidationFailedException(field,
                $"{field} contains {what}; "
                + (multiLine ? "text may contain newlines and tabs but no other control characters." : "it is one line with no control characters."),
                article);
        }
    }

    /// <summary>What in <paramref name="value"/> no stored text may hold (see <see cref="Forbidden"/>), or null when it is clean.</summary>
    public static string? ForbiddenIn(string value, bool multiLine)
    {
        // A vectorized search for the first forbidden character: every value of an upload passes here (tens of millions
        // of characters for a million rows), where a call per character took about a tenth of the API's CPU.
        var i = value.AsSpan().IndexOfAny(multiLine ? ForbiddenInText : ForbiddenInLine);
        return i < 0 ? null : $"{Forbidden(value[i], multiLine)} (U+{(int)value[i]:X4}) at position {i}";
    }

    /// <summary>The characters <see cref="Forbidden"/> refuses, taken from it once, for <see cref="ForbiddenIn"/>.</summary>
    private static readonly SearchValues<char> ForbiddenInText = ForbiddenSet(multiLine: true);

    private static readonly SearchValues<char> ForbiddenInLine = ForbiddenSet(multiLine: false);

    private static SearchValues<char> ForbiddenSet(bool multiLine) =>
        SearchValues.Create([.. Enumerable.Range(char.MinValue, char.MaxValue + 1).Select(c => (char)c).Where(c => Forbidden(c, multiLine) is not null)]);

    /// <summary>
    /// Control characters corrupt exports and terminals; the bidirectional overrides and isolates make text display
    /// as something other than what it is ("Trojan Source"); the Unicode line separators break single-line fields and
    /// some JSON consumers. Newline and tab are how people lay out prose.
    /// </summary>
    private static string? Forbidden(char c, bool multiLine) => c switch
    {
        '\n' or '\t' when multiLine => null,
        '\r' => "a carriage return (write line breaks as \\n)",
        _ when char.IsControl(c) => "a control character",
        '\u2028' or '\u2029' => "a Unicode line separator",
        _ when IsBidiControl(c) => "a bidirectional formatting character",
        _ => null,
    };

    /// <summary>The embeddings, overrides, isolates and marks that reorder how text is displayed.</summary>
    public static bool IsBidiControl(char c) =>
        c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F' or '\u061C';

    private static bool IsIdChar(char c, bool first) =>
        c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' || (!first && c is '.' or '_' or '-');

    /// <summary>A value quoted in a message: escaped where it is not printable ASCII, and cut short.</summary>
    internal static string Shown(string value)
    {
        var shown = new StringBuilder("'");
        foreach (var c in value.Length > 40 ? value[..40] : value)
        {
            shown.Append(c is >= ' ' and <= '~' ? c.ToString() : $"\\u{(int)c:X4}");
        }

        return shown.Append(value.Length > 40 ? "...'" : "'").ToString();
    }
}

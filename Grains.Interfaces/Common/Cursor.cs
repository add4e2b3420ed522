using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace DataSharing.Common;

/// <summary>
/// Opaque page cursors: the sort key of the last item served (keyset paging), so a page costs the same however deep
/// it is and rows added meanwhile neither repeat nor vanish. The parts are length-prefixed and base64url-encoded;
/// a caller cannot tell (or depend on) what is inside.
/// </summary>
public static class Cursor
{
    public static string Of(params string[] parts)
    {
        var text = new StringBuilder();
        foreach (var part in parts)
        {
            text.Append(part.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(part);
        }

        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text.ToString()));
    }

    /// <summary>The <paramref name="count"/> parts of a cursor this platform gave out, or null for the first page.</summary>
    /// <exception cref="ValidationFailedException">The cursor is not one a list of this shape gave out.</exception>
    public static string[]? Parts(string? cursor, int count)
    {
        if (cursor is null)
        {
            return null;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            var parts = new List<string>(count);
            for (var at = 0; at < text.Length;)
            {
                var colon = text.IndexOf(':', at);
                var length = int.Parse(text.AsSpan(at, colon - at), NumberStyles.None, CultureInfo.InvariantCulture);
                parts.Add(text.Substring(colon + 1, length));
                at = colon + 1 + length;
            }

            if (parts.Count == count)
            {
                return [.. parts];
            }
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
        {
        }

        throw Invalid();
    }

    /// <summary>
    /// A cursor of the list named <paramref name="list"/>. Lists whose sort keys have the same shape (a due instant and
    /// an id, say) would otherwise take each other's cursors and serve a page from a wrong position.
    /// </summary>
    public static string For(string list, params string[] parts) => Of([list, .. parts]);

    /// <summary>The <paramref name="count"/> parts of a cursor <see cref="For"/> gave out for <paramref name="list"/>, or null for the first page.</summary>
    /// <exception cref="ValidationFailedException">The cursor is not one this list gave out.</exception>
    public static string[]? PartsFor(string? cursor, string list, int count) =>
        Parts(cursor, count + 1) is not { } parts ? null
        : parts[0] == list ? parts[1..]
        : throw Invalid();

    public static long Long(string part) =>
        long.TryParse(part, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : throw Invalid();

    public static string Of(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>An instant as UTC ticks, or "-" for none (sorted after every instant).</summary>
    public static string Of(DateTimeOffset? instant) => instant is { } value ? Of(value.UtcTicks) : "-";

    public static DateTimeOffset? Instant(string part) =>
        part == "-" ? null : new DateTimeOffset(Long(part), TimeSpan.Zero);

    private static ValidationFailedException Invalid() =>
        new("after", "after is not a cursor this list gave out; start again without it.");
}

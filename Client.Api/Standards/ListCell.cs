using System.Text;

namespace DataSharing.Api.Standards;

/// <summary>
/// Lists in one spreadsheet cell: parts separated by ';' (data items, materials), a data item's name, type and element
/// code by ':'. A backslash before ';', ':' or a backslash makes it text: one level of escaping for both separators, so
/// "name:string;idNumber:string:DE00002" reads as written.
/// </summary>
public static class ListCell
{
    public const char Items = ';';
    public const char Fields = ':';

    /// <summary>Parts joined by <paramref name="separator"/>, each escaped.</summary>
    public static string Join(IEnumerable<string> parts, char separator) => string.Join(separator, parts.Select(Escape));

    /// <summary>The parts of <paramref name="cell"/>, unescaped and trimmed; blank parts (a trailing ';') are dropped.</summary>
    public static List<string> Split(string cell, char separator) =>
        SplitRaw(cell, separator).Select(p => Unescape(p).Trim()).Where(p => p.Length > 0).ToList();

    /// <summary>The parts of <paramref name="cell"/> with their escapes kept, for a second split on the other separator.</summary>
    public static List<string> SplitRaw(string cell, char separator)
    {
        var parts = new List<string>();
        var start = 0;
        for (var i = 0; i < cell.Length; i++)
        {
            if (cell[i] == '\\')
            {
                i++;
            }
            else if (cell[i] == separator)
            {
                parts.Add(cell[start..i]);
                start = i + 1;
            }
        }

        parts.Add(cell[start..]);
        return parts.Where(p => !string.IsNullOrWhiteSpace(p)).ToList();
    }

    private static string Escape(string part) =>
        part.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(";", "\\;", StringComparison.Ordinal).Replace(":", "\\:", StringComparison.Ordinal);

    private static string Unescape(string part)
    {
        var text = new StringBuilder(part.Length);
        for (var i = 0; i < part.Length; i++)
        {
            text.Append(part[i] == '\\' && i + 1 < part.Length ? part[++i] : part[i]);
        }

        return text.ToString();
    }
}

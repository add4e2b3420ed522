using System.Text;
using DataSharing.Common;

namespace DataSharing.Api.Endpoints;

/// <summary>
/// User text as a spreadsheet cell holds it, CSV or xlsx alike: opening or editing the sheet runs nothing (OWASP, "CSV
/// Injection": a cell a spreadsheet would take for a formula gets a leading apostrophe) and no cell carries a control
/// character. <see cref="Restore"/> undoes the apostrophe when a sheet the platform wrote comes back (catalog import).
/// </summary>
public static class SpreadsheetText
{
    /// <summary>
    /// The characters that make a spreadsheet read a cell as a formula or a command (OWASP's list: = + - @, tab and
    /// carriage return), their full-width forms, which East Asian spreadsheet locales treat alike, and the apostrophe
    /// itself, so that a leading apostrophe in the export is always the export's own and is removed by dropping one.
    /// </summary>
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r', '\'', '＝', '＋', '－', '＠'];

    /// <summary>The cell for <paramref name="value"/>: printable, and with a leading apostrophe where a spreadsheet would run it.</summary>
    public static string Neutralize(string value)
    {
        var cell = Printable(value);
        return cell.Length > 0 && Array.IndexOf(FormulaStarts, cell[0]) >= 0 ? "'" + cell : cell;
    }

    /// <summary>
    /// The text of a cell <see cref="Neutralize"/> wrote: its leading apostrophe dropped where one was added (the
    /// apostrophe is followed by a character that gets one). Any other cell is taken as it is.
    /// </summary>
    public static string Restore(string cell) =>
        cell.Length > 1 && cell[0] == '\'' && Array.IndexOf(FormulaStarts, cell[1]) >= 0 ? cell[1..] : cell;

    /// <summary>
    /// Line breaks become '\n' (kept) and tabs stay; every other control character, and the bidirectional overrides
    /// that make text display as something else, become U+FFFD, visibly. Input is refused with such characters
    /// (Require), so only records older than that check can still hold one.
    /// </summary>
    private static string Printable(string value)
    {
        var text = value.Replace("\r\n", "\n", StringComparison.Ordinal);
        var printable = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var replaced = c is '\n' or '\t' ? c
                : char.IsControl(c) || c is '\u2028' or '\u2029' || Require.IsBidiControl(c) ? '\uFFFD'
                : c;
            printable.Append(replaced);
        }

        return printable.ToString();
    }
}

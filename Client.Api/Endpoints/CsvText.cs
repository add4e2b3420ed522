using System.Text;
using DataSharing.Common;

namespace DataSharing.Api.Endpoints;

/// <summary>
/// RFC 4180 CSV for the exports auditors and assessors open in a spreadsheet, written so that opening one runs
/// nothing: every cell that a spreadsheet would take for a formula is neutralized (OWASP, "CSV Injection"), and no
/// cell carries a control character. Every CSV the API writes goes through <see cref="AppendRow"/>.
/// </summary>
public static class CsvText
{
    /// <summary>
    /// The characters that make a spreadsheet read a cell as a formula or a command (OWASP's list: = + - @, tab and
    /// carriage return), their full-width forms, which East Asian spreadsheet locales treat alike, and the apostrophe
    /// itself, so that a leading apostrophe in the export is always the export's own and is removed by dropping one.
    /// </summary>
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r', '\'', '＝', '＋', '－', '＠'];

    public static StringBuilder AppendRow(this StringBuilder csv, IEnumerable<string> fields) =>
        csv.AppendJoin(',', fields.Select(Cell)).Append('\n');

    public static IResult Result(StringBuilder csv, string fileName) =>
        Results.File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv; charset=utf-8", fileName);

    /// <summary>
    /// Writes a CSV export a page at a time as <paramref name="pages"/> yields them, so an export of a million records
    /// holds one page in memory, not the file.
    /// </summary>
    public static async Task Stream(HttpContext http, string fileName, IEnumerable<string> header, IAsyncEnumerable<IEnumerable<IEnumerable<string>>> pages)
    {
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        var csv = new StringBuilder().AppendRow(header);
        await foreach (var page in pages.WithCancellation(http.RequestAborted))
        {
            foreach (var row in page)
            {
                csv.AppendRow(row);
            }

            await http.Response.WriteAsync(csv.ToString(), Encoding.UTF8, http.RequestAborted);
            csv.Clear();
        }

        await http.Response.WriteAsync(csv.ToString(), Encoding.UTF8, http.RequestAborted);
    }

    /// <summary>One cell as written: printable, neutralized, then quoted where RFC 4180 (or a ';' locale) needs it.</summary>
    internal static string Cell(string value)
    {
        var cell = Printable(value);
        if (cell.Length > 0 && Array.IndexOf(FormulaStarts, cell[0]) >= 0)
        {
            cell = "'" + cell;
        }

        // ';' is quoted too: spreadsheets in locales whose list separator it is split on it.
        return cell.IndexOfAny([',', ';', '"', '\n']) >= 0 ? $"\"{cell.Replace("\"", "\"\"")}\"" : cell;
    }

    /// <summary>
    /// Line breaks become '\n' (kept, inside quotes) and tabs stay; every other control character, and the
    /// bidirectional overrides that make text display as something else, become U+FFFD, visibly. Input is refused
    /// with such characters (Require), so only records older than that check can still hold one.
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

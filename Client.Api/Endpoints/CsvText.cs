using System.Text;

namespace DataSharing.Api.Endpoints;

/// <summary>
/// RFC 4180 CSV for the exports auditors and assessors open in a spreadsheet, written so that opening one runs
/// nothing: every cell goes through <see cref="SpreadsheetText.Neutralize"/>. Every CSV the API writes goes through <see cref="AppendRow"/>.
/// </summary>
public static class CsvText
{
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

    /// <summary>One cell as written: neutralized (<see cref="SpreadsheetText"/>), then quoted where RFC 4180 (or a ';' locale) needs it.</summary>
    internal static string Cell(string value)
    {
        var cell = SpreadsheetText.Neutralize(value);

        // ';' is quoted too: spreadsheets in locales whose list separator it is split on it.
        return cell.IndexOfAny([',', ';', '"', '\n']) >= 0 ? $"\"{cell.Replace("\"", "\"\"")}\"" : cell;
    }
}

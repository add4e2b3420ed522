using System.Runtime.CompilerServices;
using DataSharing.Api.Endpoints;
using MiniExcelLibs;

namespace DataSharing.Api.Standards;

/// <summary>
/// An xlsx export with MiniExcel: one sheet, a header row, every cell text neutralized as CSV cells are
/// (<see cref="SpreadsheetText.Neutralize"/>), so a cell never turns into a formula when someone edits it.
/// </summary>
public static class XlsxSheet
{
    /// <summary>
    /// Writes the rows as <paramref name="pages"/> yields them. A workbook is a zip whose directory comes last and which
    /// MiniExcel closes synchronously, so it is written row by row to a temporary file (memory stays flat however many
    /// pages there are), then sent; the file is deleted when closed.
    /// </summary>
    public static async Task Stream(HttpContext http, string fileName, IReadOnlyList<string> header, IAsyncEnumerable<IEnumerable<IEnumerable<string>>> pages)
    {
        var cancellation = http.RequestAborted;
        await using var workbook = new FileStream(Path.Combine(Path.GetTempPath(), $"export-{Guid.NewGuid():N}.xlsx"), FileMode.CreateNew,
            FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        // The header is written as the first row, not from the rows' keys, so an empty export still names its columns.
        await workbook.SaveAsAsync(Rows(header, pages, cancellation), printHeader: false, sheetName: "catalog", excelType: ExcelType.XLSX,
            cancellationToken: cancellation);
        http.Response.ContentType = SheetReader.XlsxMediaType;
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        http.Response.ContentLength = workbook.Length;
        workbook.Position = 0;
        await workbook.CopyToAsync(http.Response.Body, cancellation);
    }

    private static async IAsyncEnumerable<IDictionary<string, object>> Rows(IReadOnlyList<string> header,
        IAsyncEnumerable<IEnumerable<IEnumerable<string>>> pages, [EnumeratorCancellation] CancellationToken cancellation = default)
    {
        yield return Row(header, header);
        await foreach (var page in pages.WithCancellation(cancellation))
        {
            foreach (var row in page)
            {
                yield return Row(header, row.Select(SpreadsheetText.Neutralize));
            }
        }
    }

    private static Dictionary<string, object> Row(IReadOnlyList<string> header, IEnumerable<string> cells) =>
        header.Zip(cells).ToDictionary(c => c.First, c => (object)c.Second, StringComparer.Ordinal);
}

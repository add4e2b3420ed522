using System.Data;
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
    /// Writes the rows as <paramref name="pages"/> yields them. The workbook is a zip whose directory comes last and
    /// which is written synchronously, so it is built in memory (a page at a time into its table) and then sent.
    /// </summary>
    public static async Task Stream(HttpContext http, string fileName, IReadOnlyList<string> header, IAsyncEnumerable<IEnumerable<IEnumerable<string>>> pages)
    {
        using var table = new DataTable("catalog");
        foreach (var column in header)
        {
            table.Columns.Add(column, typeof(string));
        }

        await foreach (var page in pages.WithCancellation(http.RequestAborted))
        {
            foreach (var row in page)
            {
                table.Rows.Add(row.Select(SpreadsheetText.Neutralize).ToArray<object>());
            }
        }

        using var workbook = new MemoryStream();
        await workbook.SaveAsAsync(table, printHeader: true, sheetName: "catalog", excelType: ExcelType.XLSX, cancellationToken: http.RequestAborted);
        http.Response.ContentType = SheetReader.XlsxMediaType;
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        workbook.Position = 0;
        await workbook.CopyToAsync(http.Response.Body, http.RequestAborted);
    }
}

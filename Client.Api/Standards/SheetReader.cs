using System.Globalization;
using System.IO.Compression;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using DataSharing.Api.Endpoints;
using DataSharing.Api.Problems;
using DataSharing.Common;
using MiniExcelLibs;

namespace DataSharing.Api.Standards;

/// <summary>One data row of an imported sheet: its row number as the spreadsheet shows it (the header is row 1).</summary>
public sealed record SheetRow(int Line, IReadOnlyDictionary<string, string> Cells);

/// <summary>
/// Reads an uploaded sheet (CSV or xlsx) into its header and rows, bounded: at most <see cref="CatalogSheet.MaxRows"/>
/// data rows (a 413 naming "rows"), an xlsx at most <see cref="MaxUnpackedBytes"/> unpacked (a 413 naming "body",
/// against zip bombs). Every cell comes back as text with the export's formula neutralization undone
/// (<see cref="SpreadsheetText.Restore"/>), so a sheet the platform exported imports as it was.
/// </summary>
public static class SheetReader
{
    public const string CsvMediaType = "text/csv";
    public const string XlsxMediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>A thousand rows of long prose is a few megabytes of sheet XML; anything far beyond is not a catalog.</summary>
    public const long MaxUnpackedBytes = 32 * 1024 * 1024;

    private const int MaxZipEntries = 100;

    public static (IReadOnlyList<string> Header, List<SheetRow> Rows) Read(MemoryStream file, bool xlsx) =>
        xlsx ? ReadXlsx(file) : ReadCsv(file);

    private static (IReadOnlyList<string>, List<SheetRow>) ReadCsv(MemoryStream file)
    {
        // Strict UTF-8 (a BOM is skipped): a sheet saved in a legacy code page is refused rather than read as mojibake.
        using var text = new StreamReader(file, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
        using var csv = new CsvParser(text, new CsvConfiguration(CultureInfo.InvariantCulture) { Mode = CsvMode.RFC4180, HasHeaderRecord = false });
        try
        {
            return Rows(Records(csv));
        }
        catch (DecoderFallbackException)
        {
            throw new ValidationFailedException("body", "The CSV is not UTF-8; save it as \"CSV UTF-8\".");
        }
        catch (CsvHelperException bad)
        {
            throw new ValidationFailedException("body", $"The CSV is malformed near row {bad.Context?.Parser?.Row}.");
        }
    }

    private static IEnumerable<string[]> Records(CsvParser csv)
    {
        while (csv.Read())
        {
            yield return csv.Record ?? [];
        }
    }

    private static (IReadOnlyList<string>, List<SheetRow>) ReadXlsx(MemoryStream file)
    {
        CheckUnpackedSize(file);
        file.Position = 0;
        try
        {
            var rows = file.Query(useHeaderRow: false, excelType: ExcelType.XLSX)
                .Cast<IDictionary<string, object?>>()
                .Select(row => row.Values.Select(Text).ToArray());
            return Rows(rows);
        }
        catch (Exception e) when (e is not (TooLargeException or ValidationFailedException or OperationCanceledException))
        {
            // Whatever the parser throws on a damaged or hostile file (bad zip, bad XML, missing parts) is the file's fault.
            throw new ValidationFailedException("body", "The body is not a readable xlsx workbook.");
        }
    }

    /// <summary>Refuses an xlsx whose parts unpack to more than <see cref="MaxUnpackedBytes"/>, before anything unpacks them.</summary>
    private static void CheckUnpackedSize(MemoryStream file)
    {
        try
        {
            using var zip = new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: true);
            if (zip.Entries.Count > MaxZipEntries || zip.Entries.Sum(e => e.Length) > MaxUnpackedBytes)
            {
                throw new TooLargeException("body", $"The workbook unpacks to more than {MaxUnpackedBytes} bytes or {MaxZipEntries} parts.");
            }
        }
        catch (InvalidDataException)
        {
            throw new ValidationFailedException("body", "The body is not a readable xlsx workbook.");
        }
    }

    /// <summary>A cell as text: dates as YYYY-MM-DD and numbers invariantly, whatever type the workbook gave them.</summary>
    private static string Text(object? value) => value switch
    {
        null => "",
        DateTime date => date.TimeOfDay == TimeSpan.Zero
            ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : date.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>The first row is the header; blank rows are skipped; every data row is numbered as the sheet shows it.</summary>
    private static (IReadOnlyList<string>, List<SheetRow>) Rows(IEnumerable<string[]> records)
    {
        string[]? header = null;
        var rows = new List<SheetRow>();
        var line = 0;
        foreach (var record in records)
        {
            line++;
            if (header is null)
            {
                header = record.Select(c => c.Trim()).ToArray();
                while (header.Length > 0 && header[^1].Length == 0)
                {
                    header = header[..^1];
                }

                CatalogSheet.CheckHeader(header);
                continue;
            }

            if (record.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            if (rows.Count == CatalogSheet.MaxRows)
            {
                throw new TooLargeException("rows", $"A sheet imports at most {CatalogSheet.MaxRows} rows at a time; split it.");
            }

            if (record.Length > header.Length && record.Skip(header.Length).Any(c => !string.IsNullOrWhiteSpace(c)))
            {
                throw new ValidationFailedException("body", $"Row {line} has more cells than the header has columns.");
            }

            var cells = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < header.Length && i < record.Length; i++)
            {
                cells[header[i]] = SpreadsheetText.Restore(record[i]);
            }

            rows.Add(new SheetRow(line, cells));
        }

        return (header ?? throw new ValidationFailedException("body", $"The sheet is empty; its first row names the columns: {string.Join(", ", CatalogSheet.Columns)}."), rows);
    }
}

using System.Text;

namespace DataSharing.Api.Endpoints;

/// <summary>RFC 4180 CSV for the exports auditors and assessors open in a spreadsheet.</summary>
public static class CsvText
{
    public static StringBuilder AppendRow(this StringBuilder csv, IEnumerable<string> fields) =>
        csv.AppendJoin(',', fields.Select(Field)).Append('\n');

    public static IResult Result(StringBuilder csv, string fileName) =>
        Results.File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv; charset=utf-8", fileName);

    private static string Field(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
}

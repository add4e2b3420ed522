using DataSharing.Catalog;
using DataSharing.Quality;

namespace DataSharing.Data;

/// <summary>
/// Whether an uploaded row may become a record of its entry (Art 17, 19): it was read whole, has a value (or an empty
/// cell) for every data item, has its key when the entry declares one, and every value passes its data item's rule.
/// </summary>
internal sealed class RowCheck(IReadOnlyList<DataItem> items, int? keyColumn, DateOnly today)
{
    private readonly QualityChecker _quality = new(items, today);

    private static readonly IReadOnlyList<RowError> None = [];

    /// <returns>The row's errors, none for a good row, whose record key is then in <paramref name="key"/>.</returns>
    public IReadOnlyList<RowError> Check(DataRow row, out string? key)
    {
        key = null;
        if (row.ParseError is { } parse)
        {
            return [new RowError(row.Line, null, "format", parse)];
        }

        var quality = _quality.CheckRow(row.Line, row.Values);
        if (quality is [{ Rule: QualityChecker.ColumnsRule }])
        {
            // A row of the wrong shape: nothing else of it can be read.
            return quality;
        }

        var errors = quality.Count > 0 ? [.. Values(row), .. quality] : Values(row);

        if (keyColumn is { } k)
        {
            key = row.Values[k];
            if (string.IsNullOrEmpty(key))
            {
                return [.. errors, new RowError(row.Line, items[k].Name, "required", $"{items[k].Name} is the entry's key item: every record has one.")];
            }
        }
        else
        {
            // Without a key item a replacement keys its records by line; 12 digits keep key order the file's order.
            key = row.Line.ToString("D12", System.Globalization.CultureInfo.InvariantCulture);
        }

        return errors;
    }

    /// <summary>The longest value a record keeps: a data item is a field, not a document store.</summary>
    public const int MaxValueLength = 32_768;

    private IReadOnlyList<RowError> Values(DataRow row)
    {
        List<RowError>? errors = null;
        for (var i = 0; i < row.Values.Length; i++)
        {
            if (row.Values[i] is not { Length: > 0 } value)
            {
                continue;
            }

            var problem = value.Length > MaxValueLength
                ? new RowError(row.Line, items[i].Name, "length", $"{items[i].Name} is {value.Length} characters long; at most {MaxValueLength} are kept.")
                : Common.Require.ForbiddenIn(value, multiLine: true) is { } what
                    ? new RowError(row.Line, items[i].Name, "characters", $"{items[i].Name} contains {what}.")
                    : null;
            if (problem is not null)
            {
                (errors ??= []).Add(problem);
            }
        }

        return errors ?? None;
    }
}

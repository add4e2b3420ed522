using DataSharing.Common;

namespace DataSharing.Data;

/// <summary>
/// The cursors of an entry's records (the last key served) and of an upload's errors (the last line served and the
/// order its error was reported in, since a line may have several), in both stores.
/// </summary>
public static class DataCursors
{
    private const string Records = "data-records";
    private const string Errors = "upload-errors";

    public static string Of(DataRecord record) => Cursor.For(Records, record.Key);

    /// <summary>The key after which the page starts, or null for the first page.</summary>
    public static string? KeyAfter(PageRequest page) => Cursor.PartsFor(page.After, Records, 1)?[0];

    /// <summary>The page of errors fetched in (line, ordinal) order, up to <c>limit + 1</c> of them.</summary>
    public static Page<RowError> ErrorPage(IReadOnlyList<(RowError Error, long Ordinal)> fetched, int limit)
    {
        var page = Page<(RowError Error, long Ordinal)>.Of(fetched, limit, e => Cursor.For(Errors, Cursor.Of(e.Error.Line), Cursor.Of(e.Ordinal)));
        return new(page.Items.Select(e => e.Error).ToList(), page.Next);
    }

    /// <summary>The (line, ordinal) after which the page starts; (long.MinValue, long.MinValue) for the first page.</summary>
    public static (long Line, long Ordinal) ErrorAfter(PageRequest page) =>
        Cursor.PartsFor(page.After, Errors, 2) is { } parts ? (Cursor.Long(parts[0]), Cursor.Long(parts[1])) : (long.MinValue, long.MinValue);
}

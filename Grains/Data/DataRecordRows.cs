using DataSharing.Common;

namespace DataSharing.Data;

/// <summary>What both stores require of a row and of the columns read, and how both refuse a replacement that repeats a key.</summary>
public static class DataRecordRows
{
    /// <summary>
    /// A row of the upload's shape: a key (the key item's value, when the entry has one), and exactly the entry's number
    /// of values when the upload began.
    /// </summary>
    public static void Check(DataUploadTarget target, string key, string?[] values)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (values.Length != target.ColumnCount)
        {
            throw new ArgumentException($"A row of upload {target.UploadId} has {target.ColumnCount} values, not {values.Length}.", nameof(values));
        }

        if (target.KeyColumn is { } k && !string.Equals(values[k], key, StringComparison.Ordinal))
        {
            throw new ArgumentException($"A row of upload {target.UploadId} is keyed {key}, but its key item says {values[k]}.", nameof(key));
        }
    }

    /// <summary>Columns are indexes into a record's values; one past a record's values reads as null, a negative one is a bug.</summary>
    public static void CheckColumns(IReadOnlyList<int> columns)
    {
        foreach (var column in columns)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(column, nameof(columns));
        }
    }

    public static ValidationFailedException RepeatedKey(string? key) =>
        new("key", key is null
            ? "A key appears more than once in the upload; the records of a replacement have distinct keys."
            : $"The key {key} appears more than once in the upload; the records of a replacement have distinct keys.");

    /// <summary>
    /// An upsert keyed by another item than the one the entry's records are keyed by (its key item changed since they
    /// were replaced): upserting would key the records two ways.
    /// </summary>
    public static ValidationFailedException KeyItemChanged() =>
        new("mode", "The entry's key item changed since its data was last replaced: replace it whole (mode=replace) before upserting by the new key.");
}

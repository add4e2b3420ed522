using System.Runtime.InteropServices;
using DataSharing.Data;

namespace DataSharing.Quality;

/// <summary>
/// Adds up the rows of one quality check into a <see cref="QualityReport"/>, in bounded memory however many rows are
/// checked: the counts are by rule and by item (finite sets, and capped all the same in case a caller adds errors of
/// its own making) and only the first errors are kept. Not thread-safe: one accumulator per check.
/// </summary>
public sealed class QualityAccumulator
{
    /// <summary>The most errors a report may keep; beyond this a report is a download, not a message.</summary>
    public const int MaxErrorsKeptLimit = 10_000;

    /// <summary>The most distinct keys per count; further keys are counted under <see cref="OtherKey"/>.</summary>
    public const int MaxKeys = 500;

    public const string OtherKey = "(other)";

    private readonly int _maxErrorsKept;
    private readonly List<RowError> _firstErrors = [];
    private readonly Dictionary<string, long> _byRule = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _byItem = new(StringComparer.Ordinal);
    private long _rows;
    private long _rowsWithErrors;
    private long _errors;

    public QualityAccumulator(int maxErrorsKept)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxErrorsKept);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxErrorsKept, MaxErrorsKeptLimit);
        _maxErrorsKept = maxErrorsKept;
    }

    /// <summary>Adds one checked row with its errors (none for a valid row), e.g. <c>Add(checker.CheckRow(line, values))</c>.</summary>
    public void Add(IReadOnlyList<RowError> rowErrors)
    {
        _rows++;
        if (rowErrors.Count == 0)
        {
            return;
        }

        _rowsWithErrors++;
        foreach (var error in rowErrors)
        {
            _errors++;
            Count(_byRule, error.Rule);
            if (error.Field is { } field)
            {
                Count(_byItem, field);
            }

            if (_firstErrors.Count < _maxErrorsKept)
            {
                _firstErrors.Add(error);
            }
        }
    }

    /// <summary>The report so far; the accumulator can go on adding rows afterwards.</summary>
    public QualityReport ToReport() => new(
        _rows,
        _rowsWithErrors,
        _errors,
        new Dictionary<string, long>(_byRule),
        new Dictionary<string, long>(_byItem),
        [.. _firstErrors],
        _maxErrorsKept);

    private static void Count(Dictionary<string, long> counts, string key)
    {
        if (!counts.ContainsKey(key) && counts.Count >= MaxKeys)
        {
            key = OtherKey;
        }

        CollectionsMarshal.GetValueRefOrAddDefault(counts, key, out _)++;
    }
}

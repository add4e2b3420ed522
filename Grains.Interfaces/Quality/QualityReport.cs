using DataSharing.Data;

namespace DataSharing.Quality;

/// <summary>
/// The result of a quality check over many rows (Art 19: periodic checks, errors found and corrected in time). Its size
/// does not grow with the rows checked: counts, counts by rule and by data item, and only the first errors.
/// </summary>
/// <param name="RowsChecked">Rows seen, valid or not.</param>
/// <param name="RowsWithErrors">Rows with at least one error.</param>
/// <param name="ErrorCount">Errors found, all of them (a row may have several).</param>
/// <param name="ErrorsByRule">Errors per rule (e.g. "GB 11643", "columns").</param>
/// <param name="ErrorsByItem">Errors per data item; errors of a whole row (no item) are not in it.</param>
/// <param name="FirstErrors">The first errors in the order found, at most <see cref="MaxErrorsKept"/>.</param>
/// <param name="MaxErrorsKept">How many errors the report keeps; fewer kept than counted means more exist.</param>
[GenerateSerializer, Immutable, Alias("QualityReport")]
public sealed record QualityReport(
    [property: Id(0)] long RowsChecked,
    [property: Id(1)] long RowsWithErrors,
    [property: Id(2)] long ErrorCount,
    [property: Id(3)] IReadOnlyDictionary<string, long> ErrorsByRule,
    [property: Id(4)] IReadOnlyDictionary<string, long> ErrorsByItem,
    [property: Id(5)] IReadOnlyList<RowError> FirstErrors,
    [property: Id(6)] int MaxErrorsKept)
{
    /// <summary>True when every error found is in <see cref="FirstErrors"/>.</summary>
    public bool IsComplete => FirstErrors.Count == ErrorCount;
}

namespace DataSharing.Data;

/// <summary>
/// What is wrong with one row of an upload or one record of a quality check: its line (1 = the first data row), the
/// data item at fault (null when the row as a whole is malformed), the rule it broke (e.g. "GB 11643", "type:date",
/// "required", "columns") and a message for the provider.
/// </summary>
[GenerateSerializer, Immutable, Alias("RowError")]
public sealed record RowError(
    [property: Id(0)] long Line,
    [property: Id(1)] string? Field,
    [property: Id(2)] string Rule,
    [property: Id(3)] string Message);

namespace DataSharing.Data;

/// <summary>
/// One parsed row of an upload, on its way to validation: its line in the file (1 = the first data row) and its values
/// in the order of the entry's data items; <see cref="ParseError"/> when the row could not be read as such (wrong
/// number of fields, malformed JSON object).
/// </summary>
[GenerateSerializer, Immutable, Alias("DataRow")]
public sealed record DataRow(
    [property: Id(0)] long Line,
    [property: Id(1)] string?[] Values,
    [property: Id(2)] string? ParseError = null);

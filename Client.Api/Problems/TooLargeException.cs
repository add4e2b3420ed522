namespace DataSharing.Api.Problems;

/// <summary>
/// Input over a bound that is not the body's byte count (a spreadsheet's rows, an xlsx's unpacked size): a 413
/// problem naming <see cref="Field"/>, as an oversized body is one naming "body".
/// </summary>
public sealed class TooLargeException(string field, string detail) : Exception(detail)
{
    public string Field { get; } = field;
}

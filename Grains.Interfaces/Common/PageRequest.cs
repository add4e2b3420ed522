namespace DataSharing.Common;

/// <summary>
/// How much of a list to serve and from where: <see cref="After"/> is the cursor a previous page gave out
/// (see <see cref="Cursor"/>), null for the first page.
/// </summary>
[GenerateSerializer, Immutable, Alias("PageRequest")]
public sealed record PageRequest(
    [property: Id(0)] int Limit = PageRequest.DefaultLimit,
    [property: Id(1)] string? After = null)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public static PageRequest First { get; } = new();

    /// <summary>The page an API caller asked for, checked: a limit out of range is a 400 naming "limit".</summary>
    public static PageRequest Of(int? limit, string? after)
    {
        if (limit is < 1 or > MaxLimit)
        {
            throw new ValidationFailedException("limit", $"limit is between 1 and {MaxLimit}.");
        }

        return new(limit ?? DefaultLimit, string.IsNullOrEmpty(after) ? null : after);
    }
}

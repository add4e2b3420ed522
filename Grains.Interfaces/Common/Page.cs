namespace DataSharing.Common;

/// <summary>
/// One page of a list: at most the limit asked for, and the opaque cursor of the next page (null on the last one).
/// Every list the platform serves is one of these, so no response grows with the data behind it.
/// </summary>
[GenerateSerializer, Immutable, Alias("Page`1")]
public sealed record Page<T>(
    [property: Id(0)] IReadOnlyList<T> Items,
    [property: Id(1)] string? Next)
{
    public static Page<T> Empty { get; } = new([], null);

    /// <summary>
    /// The page of <paramref name="fetched"/>, which holds up to <c>limit + 1</c> items in list order: the extra one
    /// only says that there is a next page, whose cursor is made from the last item served.
    /// </summary>
    public static Page<T> Of(IReadOnlyList<T> fetched, int limit, Func<T, string> cursorOf) =>
        fetched.Count > limit
            ? new(fetched.Take(limit).ToList(), cursorOf(fetched[limit - 1]))
            : new(fetched, null);
}

namespace DataSharing.Common;

/// <summary>
/// Pages of department codes in ordinal order (the departments an incident may affect), keyed by the last code served.
/// Each list names itself in its cursors, so one list's cursor is refused by another.
/// </summary>
public static class DepartmentPages
{
    public const string GrantHolders = "grant-holders";

    public const string EntryUsers = "entry-users";

    /// <summary>The last code the previous page served, or null for the first page.</summary>
    public static string? After(PageRequest page, string list) => Cursor.PartsFor(page.After, list, 1)?[0];

    /// <summary>The page of <paramref name="fetched"/> (up to limit + 1 codes in order).</summary>
    public static Page<string> Of(IReadOnlyList<string> fetched, PageRequest page, string list) =>
        Page<string>.Of(fetched, page.Limit, department => Cursor.For(list, department));
}

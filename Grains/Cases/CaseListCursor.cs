using DataSharing.Common;

namespace DataSharing.Cases;

/// <summary>The cursor of a case list (both stores): the due instant ("-" for none) and id of the last case served.</summary>
public static class CaseListCursor
{
    public static string Of(CaseSummary row) => Cursor.For(ListOf(row.Kind), Cursor.Of(row.DueAt), row.Id);

    /// <summary>The due instant and id after which the page starts, or null for the first page.</summary>
    public static (DateTimeOffset? DueAt, string Id)? After(CaseListQuery query, PageRequest page) =>
        Cursor.PartsFor(page.After, ListOf(query.Kind), 2) is { } parts ? (Cursor.Instant(parts[0]), parts[1]) : null;

    private static string ListOf(string kind) => $"cases/{kind}";
}

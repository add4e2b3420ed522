using DataSharing.Common;

namespace DataSharing.Departments;

/// <summary>The cursor of the violation lists (both stores): when the last violation served was recorded, and its id.</summary>
public static class ViolationCursor
{
    private const string List = "violations";

    public static string Of(ViolationRecord violation) => Cursor.For(List, Cursor.Of(violation.RecordedAt.UtcTicks), violation.Id);

    /// <summary>The instant and id after which (in newest-first order) the page starts, or null for the first page.</summary>
    public static (DateTimeOffset RecordedAt, string Id)? After(PageRequest page) =>
        Cursor.PartsFor(page.After, List, 2) is { } parts ? (new DateTimeOffset(Cursor.Long(parts[0]), TimeSpan.Zero), parts[1]) : null;
}

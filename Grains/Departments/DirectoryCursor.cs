using DataSharing.Common;

namespace DataSharing.Departments;

/// <summary>The cursor of the lists that go through the departments in code order (the directory, the assessment).</summary>
public static class DirectoryCursor
{
    private const string List = "departments";

    public static string Of(string code) => Cursor.For(List, code);

    /// <summary>The code after which the page starts, or null for the first page.</summary>
    public static string? After(PageRequest page) => Cursor.PartsFor(page.After, List, 1)?[0];
}

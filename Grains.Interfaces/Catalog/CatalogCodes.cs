namespace DataSharing.Catalog;

/// <summary>Resource codes: the providing department's code and its own sequence number, e.g. "340000-GA-0001".</summary>
public static class CatalogCodes
{
    public static string Format(string department, int sequence) => $"{department}-{sequence:D4}";

    /// <summary>The providing department of a well-formed code (everything before its last "-").</summary>
    public static string DepartmentOf(string code) => code.LastIndexOf('-') is > 0 and var dash ? code[..dash] : code;
}

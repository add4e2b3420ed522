using System.Globalization;
using DataSharing.Api.Contracts;
using DataSharing.Catalog;
using DataSharing.Common;

namespace DataSharing.Api.Standards;

/// <summary>
/// A catalog entry as one spreadsheet row (export and import alike): one column per attribute, named as the JSON
/// member is, lists in one cell (<see cref="ListCell"/>). The export's <c>status</c> is for reading only; its
/// <c>version</c> comes back on import as the version the row was read at (an edit over someone else's is refused).
/// </summary>
public static class CatalogSheet
{
    public const string Code = "code";
    public const string Version = "version";
    public const string Status = "status";
    public const string Note = "note";

    public static readonly IReadOnlyList<string> Columns =
    [
        Code, "providerDepartment", Status, Version, "classification", "name", "description", "dataItems", "format",
        "shareType", "shareConditions", "shareReason", "legalBasis", "shareMethod", "requiredMaterials", "usageRequirements",
        "updateFrequency", "updateTimeLimitWorkingDays", "openType", "securityGrade", "sourceSystem", "lastDataUpdate",
        "personalized", Note,
    ];

    /// <summary>The most rows one import takes: a department's catalog is hundreds of entries, not thousands.</summary>
    public const int MaxRows = 1000;

    /// <summary>The cells of <paramref name="entry"/>, as text, in <see cref="Columns"/> order (not yet neutralized).</summary>
    public static IReadOnlyList<string> Row(CatalogEntryView entry)
    {
        var c = entry.Content;
        return
        [
            entry.Code, c.ProviderDepartment, entry.Status.ToString(), entry.Version.ToString(CultureInfo.InvariantCulture),
            c.Classification, c.Name, c.Description,
            string.Join(ListCell.Items, c.DataItems.Select(i => ListCell.Join(i.StandardElementCode is null ? [i.Name, i.DataType] : [i.Name, i.DataType, i.StandardElementCode], ListCell.Fields))),
            c.Format, c.ShareType.ToString(), c.ShareConditions ?? "", c.ShareReason ?? "", c.LegalBasis ?? "", c.ShareMethod.ToString(),
            ListCell.Join(c.RequiredMaterials, ListCell.Items), c.UsageRequirements, c.UpdateFrequency,
            c.UpdateTimeLimitWorkingDays?.ToString(CultureInfo.InvariantCulture) ?? "", c.OpenType.ToString(), c.SecurityGrade,
            c.SourceSystem ?? "", c.LastDataUpdate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
            c.Personalized ? "true" : "false", "",
        ];
    }

    /// <summary>
    /// Checks a header row: every column is one of <see cref="Columns"/>, each at most once (a 400 naming the column).
    /// Columns may come in any order and any may be left out (a missing required one fails each row, naming it).
    /// </summary>
    public static void CheckHeader(IReadOnlyList<string> header)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var column in header)
        {
            if (!Columns.Contains(column))
            {
                throw new ValidationFailedException(Field(column), $"'{Field(column)}' is not a column of the catalog sheet; the columns are {string.Join(", ", Columns)}.");
            }

            if (!seen.Add(column))
            {
                throw new ValidationFailedException(Field(column), $"The column '{column}' appears twice in the header.");
            }
        }
    }

    /// <summary>A row read back: its code (blank for a new entry), the body it edits or drafts, the version it was read at.</summary>
    public static (string? Code, CatalogEntryBody Body) Parse(IReadOnlyDictionary<string, string> cells)
    {
        string? Text(string column) => cells.TryGetValue(column, out var value) && value.Length > 0 ? value : null;

        var code = Text(Code)?.Trim() is { Length: > 0 } given ? given : null;
        Require.OptionalId(code, Code);
        return (code, new CatalogEntryBody
        {
            Classification = Text("classification"),
            ProviderDepartment = Text("providerDepartment")?.Trim(),
            Name = Text("name"),
            Description = Text("description"),
            DataItems = DataItems(Text("dataItems")),
            Format = Text("format"),
            ShareType = EnumOf<ShareType>(Text("shareType"), "shareType"),
            ShareConditions = Text("shareConditions"),
            ShareReason = Text("shareReason"),
            LegalBasis = Text("legalBasis"),
            ShareMethod = EnumOf<ShareMethod>(Text("shareMethod"), "shareMethod"),
            RequiredMaterials = Text("requiredMaterials") is { } materials ? ListCell.Split(materials, ListCell.Items) : [],
            UsageRequirements = Text("usageRequirements"),
            UpdateFrequency = Text("updateFrequency"),
            UpdateTimeLimitWorkingDays = Integer(Text("updateTimeLimitWorkingDays"), "updateTimeLimitWorkingDays"),
            OpenType = EnumOf<OpenType>(Text("openType"), "openType"),
            SecurityGrade = Text("securityGrade"),
            SourceSystem = Text("sourceSystem"),
            LastDataUpdate = Date(Text("lastDataUpdate"), "lastDataUpdate"),
            Personalized = Flag(Text("personalized"), "personalized"),
            ExpectedVersion = Integer(Text(Version), Version),
            Note = Text(Note),
        });
    }

    private static List<DataItem> DataItems(string? cell)
    {
        var items = new List<DataItem>();
        foreach (var (raw, i) in ListCell.SplitRaw(cell ?? "", ListCell.Items).Select((r, i) => (r, i)))
        {
            var fields = ListCell.Split(raw, ListCell.Fields);
            if (fields.Count is < 2 or > 3)
            {
                throw new ValidationFailedException($"dataItems[{i}]", $"Data item {i + 1} is written name:type or name:type:standardElementCode.");
            }

            items.Add(new DataItem(fields[0], fields[1], fields.Count == 3 ? fields[2] : null));
        }

        return items;
    }

    /// <summary>An enum by name (any case); a number is refused, as the JSON body refuses it.</summary>
    private static T? EnumOf<T>(string? cell, string field) where T : struct, System.Enum =>
        cell?.Trim() is not { Length: > 0 } name ? null
        : !char.IsAsciiDigit(name[0]) && name[0] != '-' && System.Enum.TryParse<T>(name, ignoreCase: true, out var value) && System.Enum.IsDefined(value) ? value
        : throw new ValidationFailedException(field, $"{field} is one of {string.Join(", ", System.Enum.GetNames<T>())}.");

    private static int? Integer(string? cell, string field) =>
        cell?.Trim() is not { Length: > 0 } ? null
        : int.TryParse(cell.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value
        : throw new ValidationFailedException(field, $"{field} is a whole number.");

    private static DateOnly? Date(string? cell, string field) =>
        cell?.Trim() is not { Length: > 0 } ? null
        : DateOnly.TryParseExact(cell.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value) ? value
        : throw new ValidationFailedException(field, $"{field} is a date written YYYY-MM-DD.");

    private static bool? Flag(string? cell, string field) =>
        cell?.Trim().ToLowerInvariant() switch
        {
            null or "" => null,
            "true" or "yes" or "1" or "是" => true,
            "false" or "no" or "0" or "否" => false,
            _ => throw new ValidationFailedException(field, $"{field} is true or false."),
        };

    /// <summary>A column name as a problem's field: printable and bounded, whatever the sheet held.</summary>
    private static string Field(string column) =>
        new string(column.Where(c => !char.IsControl(c)).Take(64).ToArray()) is { Length: > 0 } name ? name : "header";
}

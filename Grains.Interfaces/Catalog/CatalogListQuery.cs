namespace DataSharing.Catalog;

/// <summary>
/// Which catalog entries to list, and for whom: published entries are for everyone, drafts and retired entries for
/// their department (<see cref="ViewerDepartment"/>, the department the caller acts for) and oversight. <see cref="Text"/>
/// is looked for in the name and the classification, ignoring case. <see cref="OpenData"/> true keeps the entries open
/// to the public (Art 36: <see cref="OpenType.UnconditionalOpen"/> or <see cref="OpenType.ConditionalOpen"/>), false
/// the <see cref="OpenType.NonOpen"/> ones. <see cref="Local"/> true keeps this platform's own entries, false the copies
/// of other platforms' (Art 23).
/// </summary>
[GenerateSerializer, Alias("CatalogListQuery")]
public sealed record CatalogListQuery(
    [property: Id(0)] string? ViewerDepartment,
    [property: Id(1)] bool ViewerOversight,
    [property: Id(2)] string? Provider = null,
    [property: Id(3)] ShareType? ShareType = null,
    [property: Id(4)] CatalogEntryStatus? Status = null,
    [property: Id(5)] string? Text = null,
    [property: Id(6)] bool? OpenData = null,
    [property: Id(7)] bool? Local = null)
{
    /// <summary>Whether the viewer may see an entry of <paramref name="provider"/> in <paramref name="status"/>.</summary>
    public bool MaySee(CatalogEntryStatus status, string provider) =>
        status == CatalogEntryStatus.Published || ViewerOversight || provider == ViewerDepartment;

    /// <summary>Whether the entry is one the viewer may see and the filters ask for.</summary>
    public bool Matches(CatalogEntrySummary entry) =>
        MaySee(entry.Status, entry.ProviderDepartment)
        && (Provider is null || entry.ProviderDepartment == Provider)
        && (ShareType is null || entry.ShareType == ShareType)
        && (Status is null || entry.Status == Status)
        && (OpenData is null || (entry.OpenType != OpenType.NonOpen) == OpenData)
        && (Local is null || (entry.OriginPlatform is null) == Local)
        && (string.IsNullOrEmpty(Text)
            || entry.Name.Contains(Text, StringComparison.OrdinalIgnoreCase)
            || entry.Classification.Contains(Text, StringComparison.OrdinalIgnoreCase));
}

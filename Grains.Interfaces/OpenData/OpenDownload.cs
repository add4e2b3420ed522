using DataSharing.Common;

namespace DataSharing.OpenData;

/// <summary>A page of an open entry's data asked for by anyone (Art 34-37); <see cref="ApplicationId"/> for conditionally open data.</summary>
[GenerateSerializer, Immutable, Alias("OpenDownloadRequest")]
public sealed record OpenDownloadRequest(
    [property: Id(0)] string EntryCode,
    [property: Id(1)] PageRequest Page,
    [property: Id(2)] string? ApplicationId = null);

/// <summary>
/// What an open download served, always desensitized: the columns (dropped items left out), the rows in their
/// order, the cursor of the next page (opaque and encrypted: record keys are data too), and the recorded download.
/// </summary>
[GenerateSerializer, Immutable, Alias("OpenDownload")]
public sealed record OpenDownload(
    [property: Id(0)] string Id,
    [property: Id(1)] IReadOnlyList<string> Columns,
    [property: Id(2)] IReadOnlyList<IReadOnlyList<string?>> Rows,
    [property: Id(3)] string? Next,
    [property: Id(4)] string Basis);

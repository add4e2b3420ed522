namespace DataSharing.Catalog;

/// <summary>
/// Which platforms an entry is shared with (Art 23: province and city platforms interconnected level by level). The
/// Measures give no such attribute; the national Regulations (2025) have data flow between levels, and Art 21 makes
/// sharing the norm, so an entry is shared with the other levels unless its department keeps it to its own platform.
/// </summary>
public enum ShareScope
{
    /// <summary>
    /// Listed in the catalogs of the linked platforms too (a province entry in the cities', a city entry in the
    /// province's and, through it, the other cities'); requested from them over the link. The default.
    /// </summary>
    Federation,

    /// <summary>Only this platform's catalog; a request from another platform is refused, quoting this scope.</summary>
    Platform,
}

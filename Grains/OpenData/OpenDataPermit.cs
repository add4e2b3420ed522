namespace DataSharing.OpenData;

/// <summary>
/// That a caller may download an entry's data now: which data items, with which rule set, and on what basis (kept
/// in the audit record of the download).
/// </summary>
public sealed record OpenDataPermit(IReadOnlyList<string> Items, DesensitizationRuleSet Rules, string Basis);

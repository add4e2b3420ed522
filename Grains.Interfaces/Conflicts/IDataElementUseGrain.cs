namespace DataSharing.Conflicts;

/// <summary>
/// Which published entries carry one standard data element in one subject category, keyed by <see cref="KeyOf"/>.
/// When a second department publishes it, a conflict is opened automatically and flagged as duplicate collection
/// (Art 16: one data, one source; Art 27).
/// </summary>
public interface IDataElementUseGrain : IGrainWithStringKey
{
    static string KeyOf(string classification, string standardElementCode) => $"{classification}|{standardElementCode}";

    /// <summary>The entry carries the element (published); idempotent. Returns the open conflict id, if any.</summary>
    Task<string?> Published(string entryCode, string department);

    /// <summary>The entry no longer carries it (retired, or edited without it).</summary>
    Task Withdrawn(string entryCode);
}

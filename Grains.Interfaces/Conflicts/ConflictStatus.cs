namespace DataSharing.Conflicts;

public enum ConflictStatus
{
    /// <summary>The departments negotiate one agreed position within the platform's window (Art 27).</summary>
    Negotiating,
    /// <summary>No agreement within the window: the data authority of that level coordinates and decides.</summary>
    Escalated,
    /// <summary>Settled by the departments' agreement or by the authority's ruling.</summary>
    Resolved,
    /// <summary>Closed as no conflict (e.g. an automatic detection the oversight found unfounded).</summary>
    Dismissed,
}

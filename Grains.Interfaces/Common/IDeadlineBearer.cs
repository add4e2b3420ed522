namespace DataSharing.Common;

/// <summary>
/// A case whose deadline was computed on a provisional calendar; the calendar calls it back when the missing
/// year is loaded so it can recompute the deadline and move its reminder.
/// </summary>
public interface IDeadlineBearer : IGrainWithStringKey
{
    /// <summary>Recomputes a provisional deadline; says how it moved, or null when the case has none to recompute.</summary>
    Task<DeadlineMove?> RecomputeDeadline();
}

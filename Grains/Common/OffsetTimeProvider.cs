namespace DataSharing.Common;

/// <summary>
/// The system clock shifted by a fixed offset. Fault drills and the process-level tests start a cluster "ten days
/// later" with it, so deadlines registered before a restart come due without anyone waiting ten days. Timers stay
/// relative, so only the notion of "now" moves.
/// </summary>
public sealed class OffsetTimeProvider(TimeSpan offset) : TimeProvider
{
    public TimeSpan Offset { get; } = offset;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}

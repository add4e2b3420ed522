namespace DataSharing.Common;

/// <summary>
/// The clock of the domain: every "now" of a case comes from here. It wraps a <see cref="TimeProvider"/> of its own
/// so tests can move the domain (and the reminder service) a year ahead without touching Orleans' internal timers.
/// </summary>
public sealed class PlatformClock(TimeProvider time)
{
    public TimeProvider Time { get; } = time;

    public DateTimeOffset Now => Time.GetUtcNow();
}

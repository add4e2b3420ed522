using DataSharing.Cases;

namespace DataSharing.Api.Console;

/// <summary>
/// What the live path did in this process: events received from the stream, page updates they caused, and the real
/// time from a grain storing a new version to a page having rendered it (for the note's measurements, not a guarantee).
/// </summary>
public sealed class LiveStats
{
    private const int Kept = 10_000;
    private readonly object _gate = new();
    private readonly Queue<double> _latencies = new();
    private long _events;
    private long _updates;

    public long Events => Interlocked.Read(ref _events);

    public long Updates => Interlocked.Read(ref _updates);

    public void Received(CaseEvent e) => Interlocked.Increment(ref _events);

    /// <summary>A page rendered what <paramref name="e"/> announced.</summary>
    public void Updated(CaseEvent e)
    {
        Interlocked.Increment(ref _updates);
        var ms = (DateTimeOffset.UtcNow - e.StoredAt).TotalMilliseconds;
        lock (_gate)
        {
            _latencies.Enqueue(ms);
            if (_latencies.Count > Kept)
            {
                _latencies.Dequeue();
            }
        }
    }

    /// <summary>The kept latencies (milliseconds), sorted.</summary>
    public IReadOnlyList<double> Latencies()
    {
        lock (_gate)
        {
            return _latencies.Order().ToList();
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _latencies.Clear();
        }

        Interlocked.Exchange(ref _events, 0);
        Interlocked.Exchange(ref _updates, 0);
    }
}

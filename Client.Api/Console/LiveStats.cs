using DataSharing.Cases;

namespace DataSharing.Api.Console;

/// <summary>
/// What the live path did in this process: events received from the stream and page updates they caused, each with
/// the real time since the grain stored the new version (for the note's measurements, not a guarantee).
/// </summary>
public sealed class LiveStats
{
    private readonly Samples _stream = new();
    private readonly Samples _pages = new();

    public long Events => _stream.Count;

    public long Updates => _pages.Count;

    /// <summary>The hub got <paramref name="e"/> from the stream.</summary>
    public void Received(CaseEvent e) => _stream.Add(e);

    /// <summary>A page rendered what <paramref name="e"/> announced.</summary>
    public void Updated(CaseEvent e) => _pages.Add(e);

    /// <summary>Milliseconds from the store to the hub, sorted (the latest <see cref="Samples.Kept"/>).</summary>
    public IReadOnlyList<double> StreamLatencies() => _stream.Sorted();

    /// <summary>Milliseconds from the store to a rendered page, sorted.</summary>
    public IReadOnlyList<double> PageLatencies() => _pages.Sorted();

    public void Reset()
    {
        _stream.Reset();
        _pages.Reset();
    }

    private sealed class Samples
    {
        public const int Kept = 100_000;

        private readonly Queue<double> _milliseconds = new();
        private long _count;

        public long Count => Interlocked.Read(ref _count);

        public void Add(CaseEvent e)
        {
            var ms = (DateTimeOffset.UtcNow - e.StoredAt).TotalMilliseconds;
            lock (_milliseconds)
            {
                _count++;
                _milliseconds.Enqueue(ms);
                if (_milliseconds.Count > Kept)
                {
                    _milliseconds.Dequeue();
                }
            }
        }

        public IReadOnlyList<double> Sorted()
        {
            lock (_milliseconds)
            {
                return _milliseconds.Order().ToList();
            }
        }

        public void Reset()
        {
            lock (_milliseconds)
            {
                _milliseconds.Clear();
                _count = 0;
            }
        }
    }
}

using System.Diagnostics.Metrics;
using DataSharing.Cases;
using DataSharing.Common;

namespace DataSharing.Api.Console;

/// <summary>
/// What the live path did in this process: events received from the stream and page updates they caused, each with
/// the real time since the grain stored the new version. Served to oversight at <c>GET /api/console/live-path</c> and
/// exported as metrics (meter <see cref="PlatformMetrics.MeterName"/>), so a cluster's API processes can be watched.
/// </summary>
public sealed class LiveStats(IMeterFactory meters)
{
    private readonly Samples _stream = new();
    private readonly Samples _pages = new();
    private readonly Histogram<double> _streamDelay = meters.Create(PlatformMetrics.MeterName).CreateHistogram<double>(
        "datasharing.console.event.delay", "s", "From a case's state write to its event reaching this process's console hub.");
    private readonly Histogram<double> _pageDelay = meters.Create(PlatformMetrics.MeterName).CreateHistogram<double>(
        "datasharing.console.page.delay", "s", "From a case's state write to an open console page rendered again for it.");

    public long Events => _stream.Count;

    public long Updates => _pages.Count;

    /// <summary>The hub got <paramref name="e"/> from the stream.</summary>
    public void Received(CaseEvent e) => _streamDelay.Record(_stream.Add(e) / 1000);

    /// <summary>A page rendered what <paramref name="e"/> announced.</summary>
    public void Updated(CaseEvent e) => _pageDelay.Record(_pages.Add(e) / 1000);

    /// <summary>Counts and delays (milliseconds) of the latest <see cref="Samples.Kept"/> events and renders.</summary>
    public LivePathReport Report() => new(Events, Updates, DelaySummary.Of(StreamLatencies()), DelaySummary.Of(PageLatencies()));

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

        /// <summary>Keeps the real time since <paramref name="e"/> was stored, and returns it (ms).</summary>
        public double Add(CaseEvent e)
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

            return ms;
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

/// <summary>What one API process's console live path did (<see cref="LiveStats.Report"/>).</summary>
public sealed record LivePathReport(long Events, long PageRenders, DelaySummary StoreToHubMs, DelaySummary StoreToPageMs);

/// <summary>Real-time delays in milliseconds: the median, the 95th percentile and the largest of <see cref="Count"/> samples.</summary>
public sealed record DelaySummary(int Count, double? P50, double? P95, double? Max)
{
    public static DelaySummary Of(IReadOnlyList<double> sorted) => sorted.Count == 0
        ? new(0, null, null, null)
        : new(sorted.Count, Math.Round(sorted[(sorted.Count - 1) / 2], 1), Math.Round(sorted[(int)Math.Ceiling(sorted.Count * 0.95) - 1], 1), Math.Round(sorted[^1], 1));
}

using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using DataSharing.Common;

namespace DataSharing.Federation;

/// <summary>
/// Per link (tag "federation.peer"): outbox depth, age of the oldest undelivered message, delivery lag, and messages
/// refused by the receiver. The gauges read the last status each link grain reported on this silo.
/// </summary>
public sealed class FederationMetrics
{
    private readonly ConcurrentDictionary<string, FederationLinkStatus> _links = new();
    private readonly Histogram<double> _lag;
    private readonly Counter<long> _rejected;
    private readonly TimeProvider _time;

    public FederationMetrics(IMeterFactory meters, TimeProvider time)
    {
        _time = time;
        var meter = meters.Create(PlatformMetrics.MeterName);
        _lag = meter.CreateHistogram<double>("datasharing.federation.delivery_lag", "s", "From a message entering the outbox to the peer's acknowledgement.");
        _rejected = meter.CreateCounter<long>("datasharing.federation.rejected", "{message}", "Messages from peers refused, by reason.");
        meter.CreateObservableGauge("datasharing.federation.outbox_depth", () =>
            _links.Values.Select(l => new Measurement<long>(l.OutboxDepth, Peer(l.Peer))), "{message}", "Undelivered messages per link.");
        meter.CreateObservableGauge("datasharing.federation.oldest_undelivered_age", () =>
            _links.Values.Select(l => new Measurement<double>(l.OldestUndelivered is { } at ? (_time.GetUtcNow() - at).TotalSeconds : 0, Peer(l.Peer))),
            "s", "Age of the oldest undelivered message per link.");
    }

    public void Link(FederationLinkStatus status) => _links[status.Peer] = status;

    public void Delivered(string peer, TimeSpan lag) => _lag.Record(Math.Max(0, lag.TotalSeconds), Peer(peer));

    public void Rejected(string? peer, string reason) =>
        _rejected.Add(1, Peer(peer ?? "unknown"), new KeyValuePair<string, object?>("federation.reason", reason));

    private static KeyValuePair<string, object?> Peer(string peer) => new("federation.peer", peer);
}

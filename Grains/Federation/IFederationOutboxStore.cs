namespace DataSharing.Federation;

/// <summary>
/// The undelivered messages of every link, in each link's sequence: in memory in embedded mode, table
/// federation_outbox in cluster mode (migration 0013), so a long outage grows rows, never one grain's state.
/// Only the link's grain writes its rows.
/// </summary>
public interface IFederationOutboxStore
{
    /// <summary>
    /// Numbers the message next on the link and keeps it, unless a message with its id is still undelivered (then
    /// nothing changes and no number is used: the link's numbers have no holes).
    /// </summary>
    /// <returns>Whether it was added.</returns>
    Task<bool> Append(string peer, FederationMessage message, DateTimeOffset enqueuedAt);

    /// <summary>The first <paramref name="limit"/> undelivered messages, lowest number first.</summary>
    Task<IReadOnlyList<OutboundMessage>> Head(string peer, int limit);

    /// <summary>Removes the messages numbered up to <paramref name="sequence"/>: the peer has them.</summary>
    Task RemoveThrough(string peer, long sequence);

    Task<OutboxDepth> Depth(string peer);
}

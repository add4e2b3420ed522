using System.Collections.Concurrent;

namespace DataSharing.Federation;

/// <summary>The embedded mode's outboxes: a queue per link, appended and removed at its ends.</summary>
public sealed class InMemoryFederationOutbox : IFederationOutboxStore
{
    private readonly ConcurrentDictionary<string, Link> _links = new();

    public Task<bool> Append(string peer, FederationMessage message, DateTimeOffset enqueuedAt)
    {
        var link = _links.GetOrAdd(peer, _ => new Link());
        lock (link)
        {
            if (link.Pending.Any(m => m.Message.Id == message.Id))
            {
                return Task.FromResult(false);
            }

            link.Pending.Enqueue(new OutboundMessage(link.NextSequence++, message, enqueuedAt));
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<OutboundMessage>> Head(string peer, int limit)
    {
        var link = _links.GetOrAdd(peer, _ => new Link());
        lock (link)
        {
            return Task.FromResult<IReadOnlyList<OutboundMessage>>(link.Pending.Take(limit).ToList());
        }
    }

    public Task RemoveThrough(string peer, long sequence)
    {
        var link = _links.GetOrAdd(peer, _ => new Link());
        lock (link)
        {
            while (link.Pending.TryPeek(out var head) && head.Sequence <= sequence)
            {
                link.Pending.Dequeue();
            }
        }

        return Task.CompletedTask;
    }

    public Task<OutboxDepth> Depth(string peer)
    {
        var link = _links.GetOrAdd(peer, _ => new Link());
        lock (link)
        {
            return Task.FromResult(new OutboxDepth(link.Pending.Count, link.Pending.TryPeek(out var head) ? head.EnqueuedAt : null, link.NextSequence));
        }
    }

    private sealed class Link
    {
        public long NextSequence { get; set; } = 1;

        public Queue<OutboundMessage> Pending { get; } = new();
    }
}

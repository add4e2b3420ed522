using DataSharing.Federation;
using DataSharing.Silo.Persistence;

namespace DataSharing.Tests.Stores;

/// <summary>What every federation outbox does (Art 23: nothing lost, nothing doubled), in memory and in PostgreSQL.</summary>
public abstract class FederationOutboxStoreContract
{
    private static readonly DateTimeOffset At = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);

    /// <summary>A peer of its own per test, so tests sharing a database do not see each other's links.</summary>
    private readonly string _peer = $"P{Guid.NewGuid():N}"[..12];

    protected abstract IFederationOutboxStore Store { get; }

    private FederationMessage Message(string id) => new(id, FederationMessageKinds.ShareRequestChanged, "340000", _peer, "SR-1", "{}", At);

    [Fact]
    public async Task Art23_messages_are_numbered_in_order_without_holes_and_one_handed_over_twice_is_kept_once()
    {
        Assert.True(await Store.Append(_peer, Message("SR-1#1"), At));
        Assert.True(await Store.Append(_peer, Message("SR-1#2"), At.AddSeconds(1)));
        Assert.False(await Store.Append(_peer, Message("SR-1#1"), At.AddSeconds(2)));
        Assert.True(await Store.Append(_peer, Message("SR-1#3"), At.AddSeconds(3)));

        var head = await Store.Head(_peer, 10);
        Assert.Equal([(1L, "SR-1#1"), (2L, "SR-1#2"), (3L, "SR-1#3")], head.Select(m => (m.Sequence, m.Message.Id)));
        Assert.Equal(Message("SR-1#2"), head[1].Message);
        Assert.Equal(new OutboxDepth(3, At, 4), await Store.Depth(_peer));
    }

    [Fact]
    public async Task Art23_acknowledged_messages_are_removed_and_numbering_continues_after_them()
    {
        foreach (var id in new[] { "A", "B", "C" })
        {
            await Store.Append(_peer, Message(id), At);
        }

        await Store.RemoveThrough(_peer, 2);
        Assert.Equal([3L], (await Store.Head(_peer, 10)).Select(m => m.Sequence));
        await Store.Append(_peer, Message("D"), At);
        await Store.RemoveThrough(_peer, 4);
        Assert.Equal(new OutboxDepth(0, null, 5), await Store.Depth(_peer));
        Assert.Equal(new OutboxDepth(0, null, 1), await Store.Depth($"{_peer}-other"));
    }
}

public sealed class InMemoryFederationOutboxStoreTests : FederationOutboxStoreContract
{
    protected override IFederationOutboxStore Store { get; } = new InMemoryFederationOutbox();
}

public sealed class PostgresFederationOutboxStoreTests(PostgresStores postgres) : FederationOutboxStoreContract, IClassFixture<PostgresStores>
{
    protected override IFederationOutboxStore Store { get; } = new PostgresFederationOutbox(postgres.Database);
}

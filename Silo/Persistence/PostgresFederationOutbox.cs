using DataSharing.Federation;
using Npgsql;

namespace DataSharing.Silo.Persistence;

/// <summary>The cluster-mode outboxes: tables federation_outbox and federation_links (migration 0013).</summary>
public sealed class PostgresFederationOutbox(NpgsqlDataSource database) : IFederationOutboxStore
{
    public async Task<bool> Append(string peer, FederationMessage message, DateTimeOffset enqueuedAt)
    {
        // One statement: the link's number is taken only when the message is new, so numbers have no holes.
        await using var command = database.CreateCommand("""
            WITH fresh AS (
                SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM federation_outbox WHERE peer = @peer AND message_id = @id)),
            numbered AS (
                INSERT INTO federation_links (peer, next_sequence) SELECT @peer, 2 FROM fresh
                ON CONFLICT (peer) DO UPDATE SET next_sequence = federation_links.next_sequence + 1
                RETURNING next_sequence - 1 AS sequence)
            INSERT INTO federation_outbox (peer, sequence, message_id, kind, sender, case_id, body, created_at, enqueued_at)
            SELECT @peer, sequence, @id, @kind, @sender, @caseId, @body, @createdAt, @enqueuedAt FROM numbered
            """);
        var p = command.Parameters;
        p.AddWithValue("peer", peer);
        p.AddWithValue("id", message.Id);
        p.AddWithValue("kind", message.Kind);
        p.AddWithValue("sender", message.From);
        p.AddWithValue("caseId", message.CaseId);
        p.AddWithValue("body", message.Body);
        p.AddWithValue("createdAt", message.CreatedAt.ToUniversalTime());
        p.AddWithValue("enqueuedAt", enqueuedAt.ToUniversalTime());
        return await command.ExecuteNonQueryAsync() == 1;
    }

    public async Task<IReadOnlyList<OutboundMessage>> Head(string peer, int limit)
    {
        await using var command = database.CreateCommand("""
            SELECT sequence, message_id, kind, sender, case_id, body, created_at, enqueued_at FROM federation_outbox
            WHERE peer = @peer ORDER BY sequence LIMIT @limit
            """);
        command.Parameters.AddWithValue("peer", peer);
        command.Parameters.AddWithValue("limit", limit);
        var head = new List<OutboundMessage>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var message = new FederationMessage(reader.GetString(1), reader.GetString(2), reader.GetString(3), peer, reader.GetString(4),
                reader.GetString(5), reader.GetFieldValue<DateTimeOffset>(6));
            head.Add(new OutboundMessage(reader.GetInt64(0), message, reader.GetFieldValue<DateTimeOffset>(7)));
        }

        return head;
    }

    public async Task RemoveThrough(string peer, long sequence)
    {
        await using var command = database.CreateCommand("DELETE FROM federation_outbox WHERE peer = @peer AND sequence <= @sequence");
        command.Parameters.AddWithValue("peer", peer);
        command.Parameters.AddWithValue("sequence", sequence);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<OutboxDepth> Depth(string peer)
    {
        await using var command = database.CreateCommand("""
            SELECT count(o.*), min(o.enqueued_at), coalesce((SELECT next_sequence FROM federation_links WHERE peer = @peer), 1)
            FROM federation_outbox o WHERE o.peer = @peer
            """);
        command.Parameters.AddWithValue("peer", peer);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new OutboxDepth((int)reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1), reader.GetInt64(2));
    }
}

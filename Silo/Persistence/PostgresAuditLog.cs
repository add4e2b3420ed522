using System.Runtime.CompilerServices;
using DataSharing.Audit;
using DataSharing.Common;
using Npgsql;

namespace DataSharing.Silo.Persistence;

/// <summary>The cluster-mode audit log: table audit_log (deploy/postgres/migrations/0005_audit_log.sql).</summary>
public sealed class PostgresAuditLog(NpgsqlDataSource database) : IAuditLog
{
    /// <summary>"datasharing audit" as an advisory lock key: appends from all silos take turns on the chain's head.</summary>
    private const long ChainLock = 7305411630562218054;

    private const string Columns =
        "sequence, entry_id, at, actor_subject, actor_role, actor_department, departments, case_kind, case_id, action, before, after, previous_hash, hash";

    public async Task Append(IReadOnlyList<AuditEntry> entries)
    {
        if (entries.Count == 0)
        {
            return;
        }

        await using var connection = await database.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var lockChain = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({ChainLock})", connection, transaction))
        {
            await lockChain.ExecuteNonQueryAsync();
        }

        var present = new HashSet<string>();
        await using (var known = new NpgsqlCommand("SELECT entry_id FROM audit_log WHERE entry_id = ANY(@ids)", connection, transaction))
        {
            known.Parameters.AddWithValue("ids", entries.Select(e => e.Id).ToArray());
            await using var reader = await known.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                present.Add(reader.GetString(0));
            }
        }

        AuditRecord? last = null;
        await using (var head = new NpgsqlCommand($"SELECT {Columns} FROM audit_log ORDER BY sequence DESC LIMIT 1", connection, transaction))
        await using (var reader = await head.ExecuteReaderAsync())
        {
            if (await reader.ReadAsync())
            {
                last = Read(reader);
            }
        }

        foreach (var entry in entries.Where(e => present.Add(e.Id)))
        {
            var record = AuditChain.Next(last, entry);
            await using var insert = new NpgsqlCommand($"""
                INSERT INTO audit_log ({Columns})
                VALUES (@sequence, @id, @at, @subject, @role, @department, @departments, @kind, @case, @action, @before, @after, @previous, @hash)
                """, connection, transaction);
            insert.Parameters.AddWithValue("sequence", record.Sequence);
            insert.Parameters.AddWithValue("id", record.Entry.Id);
            insert.Parameters.AddWithValue("at", record.Entry.At.ToUniversalTime());
            insert.Parameters.AddWithValue("subject", record.Entry.By.Subject);
            insert.Parameters.AddWithValue("role", record.Entry.By.Role);
            insert.Parameters.AddWithValue("department", (object?)record.Entry.By.Department ?? DBNull.Value);
            insert.Parameters.AddWithValue("departments", record.Entry.Departments.ToArray());
            insert.Parameters.AddWithValue("kind", record.Entry.CaseKind);
            insert.Parameters.AddWithValue("case", record.Entry.CaseId);
            insert.Parameters.AddWithValue("action", record.Entry.Action);
            insert.Parameters.AddWithValue("before", (object?)record.Entry.Before ?? DBNull.Value);
            insert.Parameters.AddWithValue("after", (object?)record.Entry.After ?? DBNull.Value);
            insert.Parameters.AddWithValue("previous", record.PreviousHash);
            insert.Parameters.AddWithValue("hash", record.Hash);
            await insert.ExecuteNonQueryAsync();
            last = record;
        }

        await transaction.CommitAsync();
    }

    public async Task<IReadOnlyList<AuditRecord>> Query(AuditFilter filter)
    {
        await using var command = database.CreateCommand($"""
            SELECT {Columns} FROM audit_log
            WHERE sequence > @after
              AND (@department::text IS NULL OR @department = ANY(departments))
              AND (@case::text IS NULL OR case_id = @case)
            ORDER BY sequence
            LIMIT @limit
            """);
        command.Parameters.AddWithValue("after", filter.AfterSequence);
        command.Parameters.AddWithValue("department", (object?)filter.Department ?? DBNull.Value);
        command.Parameters.AddWithValue("case", (object?)filter.CaseId ?? DBNull.Value);
        command.Parameters.AddWithValue("limit", filter.Limit);
        var records = new List<AuditRecord>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            records.Add(Read(reader));
        }

        return records;
    }

    public async IAsyncEnumerable<AuditRecord> ReadAll([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand($"SELECT {Columns} FROM audit_log ORDER BY sequence");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return Read(reader);
        }
    }

    private static AuditRecord Read(NpgsqlDataReader reader) => new(
        reader.GetInt64(0),
        new AuditEntry(
            reader.GetString(1),
            reader.GetFieldValue<DateTimeOffset>(2),
            new Actor(reader.GetString(3), reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5)),
            reader.GetFieldValue<string[]>(6),
            reader.GetString(7),
            reader.GetString(8),
            reader.GetString(9),
            reader.IsDBNull(10) ? null : reader.GetString(10),
            reader.IsDBNull(11) ? null : reader.GetString(11)),
        reader.GetString(12),
        reader.GetString(13));
}

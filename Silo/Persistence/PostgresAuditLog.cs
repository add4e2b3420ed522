using System.Runtime.CompilerServices;
using DataSharing.Audit;
using DataSharing.Common;
using Npgsql;

namespace DataSharing.Silo.Persistence;

/// <summary>
/// The cluster-mode audit log: table audit_log (migrations 0005, 0006), appended by the silo's group commit
/// (<see cref="PostgresGroupCommit"/>, <see cref="PostgresAuditChain"/>).
/// </summary>
public sealed class PostgresAuditLog(NpgsqlDataSource database, PostgresGroupCommit commit) : IAuditLog
{
    private const string Columns =
        "a.sequence, a.entry_id, a.at, a.actor_subject, a.actor_role, a.actor_department, a.departments, a.case_kind, a.case_id, " +
        "a.action, a.before, a.after, a.previous_hash, a.hash";

    /// <summary>Chained and inserted in the silo's next group commit; completes once that transaction has committed.</summary>
    public Task Append(IReadOnlyList<AuditEntry> entries) => entries.Count == 0 ? Task.CompletedTask : commit.Write(entries);

    public async Task<IReadOnlyList<AuditRecord>> Query(AuditFilter filter)
    {
        // Each filter reads its own index in chain order: a case's records (audit_log_case), a department's
        // (audit_departments), or the chain itself; the department check on a case's records is a filter of a few rows.
        // Newest first reads the same indexes backwards, from before the given sequence.
        var column = filter.CaseId is null && filter.Department is not null ? "d.sequence" : "a.sequence";
        var (bound, direction) = filter.NewestFirst ? ($"{column} < @bound", " DESC") : ($"{column} > @bound", "");
        var source = filter.CaseId is not null
            ? $"audit_log a WHERE a.case_id = @case AND {bound} AND (@department::text IS NULL OR @department = ANY(a.departments))"
            : filter.Department is not null
                ? $"audit_departments d JOIN audit_log a ON a.sequence = d.sequence WHERE d.department = @department AND {bound}"
                : $"audit_log a WHERE {bound}";
        await using var command = database.CreateCommand($"SELECT {Columns} FROM {source} ORDER BY {column}{direction} LIMIT @limit");
        command.Parameters.AddWithValue("bound", filter.BeforeSequence ?? filter.AfterSequence);
        command.Parameters.Add(new NpgsqlParameter("department", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)filter.Department ?? DBNull.Value });
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
        await using var command = database.CreateCommand($"SELECT {Columns} FROM audit_log a ORDER BY a.sequence");
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

using DataSharing.Audit;
using Npgsql;
using NpgsqlTypes;

namespace DataSharing.Silo.Persistence;

/// <summary>
/// Extends the chain in table audit_log through PostgreSQL's audit_append (migration 0008), a statement added to a
/// group commit's batch: under the chain's advisory lock it skips entries the log already has (appends are idempotent
/// by entry id), numbers the rest after the head and hashes them as <see cref="AuditChain"/> does. The lock is held
/// only while the server runs that batch, never across a round trip to this silo.
/// </summary>
internal static class PostgresAuditChain
{
    public static NpgsqlBatchCommand Append(IReadOnlyList<AuditEntry> entries)
    {
        var stored = entries.Select(AuditChain.Stored).ToList();
        var append = new NpgsqlBatchCommand("SELECT audit_append(@i, @a, @su, @ro, @de, @ds, @k, @c, @ac, @b, @af, @content)");
        append.Add("i", NpgsqlDbType.Text, stored.Select(e => e.Id));
        append.Add("a", NpgsqlDbType.TimestampTz, stored.Select(e => e.At.UtcDateTime));
        append.Add("su", NpgsqlDbType.Text, stored.Select(e => e.By.Subject));
        append.Add("ro", NpgsqlDbType.Text, stored.Select(e => e.By.Role));
        append.Add("de", NpgsqlDbType.Text, stored.Select(e => e.By.Department));
        append.Add("ds", NpgsqlDbType.Text, stored.Select(e => string.Join(",", e.Departments)));
        append.Add("k", NpgsqlDbType.Text, stored.Select(e => e.CaseKind));
        append.Add("c", NpgsqlDbType.Text, stored.Select(e => e.CaseId));
        append.Add("ac", NpgsqlDbType.Text, stored.Select(e => e.Action));
        append.Add("b", NpgsqlDbType.Text, stored.Select(e => e.Before));
        append.Add("af", NpgsqlDbType.Text, stored.Select(e => e.After));
        append.Add("content", NpgsqlDbType.Text, stored.Select(AuditChain.Content));
        return append;
    }
}

using DataSharing.Audit;
using Npgsql;
using NpgsqlTypes;

namespace DataSharing.Silo.Persistence;

/// <summary>
/// Extends the chain in table audit_log (migrations 0005, 0006) inside a group commit's transaction: takes the chain's
/// advisory lock, so all silos append in one order, drops entries the log already has (appends are idempotent by
/// entry id), chains the rest onto the head and adds one multi-row insert for them to the batch.
/// </summary>
internal static class PostgresAuditChain
{
    /// <summary>"datasharing audit" as an advisory lock key: appends from all silos take turns on the chain's head.</summary>
    private const long ChainLock = 7305411630562218054;

    public static async Task Append(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<AuditEntry> entries,
        NpgsqlBatch rows, CancellationToken cancellationToken)
    {
        var present = new HashSet<string>(StringComparer.Ordinal);
        AuditRecord? last = null;
        await using (var head = new NpgsqlBatch(connection, transaction))
        {
            head.BatchCommands.Add(new NpgsqlBatchCommand($"SELECT pg_advisory_xact_lock({ChainLock})"));
            var known = new NpgsqlBatchCommand("SELECT entry_id FROM audit_log WHERE entry_id = ANY(@ids)");
            known.Parameters.AddWithValue("ids", entries.Select(e => e.Id).Distinct().ToArray());
            head.BatchCommands.Add(known);
            head.BatchCommands.Add(new NpgsqlBatchCommand("SELECT sequence, hash FROM audit_log ORDER BY sequence DESC LIMIT 1"));

            await using var reader = await head.ExecuteReaderAsync(cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                present.Add(reader.GetString(0));
            }

            await reader.NextResultAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                // Next() needs only the head's sequence and hash.
                last = new AuditRecord(reader.GetInt64(0), null!, "", reader.GetString(1));
            }
        }

        var records = new List<AuditRecord>(entries.Count);
        foreach (var entry in entries)
        {
            if (present.Add(entry.Id))
            {
                last = AuditChain.Next(last, entry);
                records.Add(last);
            }
        }

        if (records.Count == 0)
        {
            return;
        }

        var insert = new NpgsqlBatchCommand("""
            INSERT INTO audit_log (sequence, entry_id, at, actor_subject, actor_role, actor_department, departments, case_kind,
                                   case_id, action, before, after, previous_hash, hash)
            SELECT s, i, a, su, ro, de, string_to_array(ds, ','), k, c, ac, b, af, p, h
            FROM unnest(@s, @i, @a, @su, @ro, @de, @ds, @k, @c, @ac, @b, @af, @p, @h)
                 AS t(s, i, a, su, ro, de, ds, k, c, ac, b, af, p, h)
            """);
        insert.Add("s", NpgsqlDbType.Bigint, records.Select(r => r.Sequence));
        insert.Add("i", NpgsqlDbType.Text, records.Select(r => r.Entry.Id));
        insert.Add("a", NpgsqlDbType.TimestampTz, records.Select(r => r.Entry.At.UtcDateTime));
        insert.Add("su", NpgsqlDbType.Text, records.Select(r => r.Entry.By.Subject));
        insert.Add("ro", NpgsqlDbType.Text, records.Select(r => r.Entry.By.Role));
        insert.Add("de", NpgsqlDbType.Text, records.Select(r => r.Entry.By.Department));
        insert.Add("ds", NpgsqlDbType.Text, records.Select(r => string.Join(",", r.Entry.Departments)));
        insert.Add("k", NpgsqlDbType.Text, records.Select(r => r.Entry.CaseKind));
        insert.Add("c", NpgsqlDbType.Text, records.Select(r => r.Entry.CaseId));
        insert.Add("ac", NpgsqlDbType.Text, records.Select(r => r.Entry.Action));
        insert.Add("b", NpgsqlDbType.Text, records.Select(r => r.Entry.Before));
        insert.Add("af", NpgsqlDbType.Text, records.Select(r => r.Entry.After));
        insert.Add("p", NpgsqlDbType.Text, records.Select(r => r.PreviousHash));
        insert.Add("h", NpgsqlDbType.Text, records.Select(r => r.Hash));
        rows.BatchCommands.Add(insert);

        // A department's records are read in pages by (department, sequence): one index row per department named.
        var byDepartment = records.SelectMany(r => r.Entry.Departments.Distinct().Select(d => (Department: d, r.Sequence))).ToList();
        if (byDepartment.Count > 0)
        {
            var departments = new NpgsqlBatchCommand(
                "INSERT INTO audit_departments (department, sequence) SELECT * FROM unnest(@d, @s)");
            departments.Add("d", NpgsqlDbType.Text, byDepartment.Select(x => x.Department));
            departments.Add("s", NpgsqlDbType.Bigint, byDepartment.Select(x => x.Sequence));
            rows.BatchCommands.Add(departments);
        }
    }

}

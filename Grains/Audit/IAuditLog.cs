namespace DataSharing.Audit;

/// <summary>
/// Where the chain lives: one grain in embedded mode, a PostgreSQL table in cluster mode. Appends are idempotent
/// by <see cref="AuditEntry.Id"/>, so a case re-sending entries it is not sure were kept never doubles a record.
/// </summary>
public interface IAuditLog
{
    Task Append(IReadOnlyList<AuditEntry> entries);

    Task<IReadOnlyList<AuditRecord>> Query(AuditFilter filter);

    /// <summary>All records in sequence order, for verification and export.</summary>
    IAsyncEnumerable<AuditRecord> ReadAll(CancellationToken cancellationToken = default);
}

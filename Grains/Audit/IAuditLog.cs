namespace DataSharing.Audit;

/// <summary>
/// Where the chain lives: in memory in embedded mode (<see cref="InMemoryAuditLog"/>), table audit_log in cluster mode.
/// Appends are idempotent by <see cref="AuditEntry.Id"/>, so a case re-sending entries it is not sure were kept never
/// doubles a record, and an append completes only once its records are kept (Art 38).
/// </summary>
public interface IAuditLog
{
    Task Append(IReadOnlyList<AuditEntry> entries);

    /// <summary>
    /// At most <see cref="AuditFilter.Limit"/> records after <see cref="AuditFilter.AfterSequence"/>, in chain order,
    /// read through an index of the filter (a case's records, a department's), never by scanning the chain.
    /// </summary>
    Task<IReadOnlyList<AuditRecord>> Query(AuditFilter filter);

    /// <summary>All records in sequence order, streamed (for verification and export).</summary>
    IAsyncEnumerable<AuditRecord> ReadAll(CancellationToken cancellationToken = default);
}

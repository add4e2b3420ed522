namespace DataSharing.Audit;

/// <summary>Reads of the audit log (a stateless worker: where the chain lives depends on the hosting mode).</summary>
public interface IAuditGrain : IGrainWithIntegerKey
{
    Task<IReadOnlyList<AuditRecord>> Query(AuditFilter filter);

    /// <summary>Recomputes every hash from the first record and names the first one that does not hold.</summary>
    /// <remarks>A long chain takes longer than the default response timeout (about 200,000 records a second).</remarks>
    [ResponseTimeout("00:30:00")]
    Task<AuditVerification> Verify();
}

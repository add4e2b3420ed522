using Orleans.Concurrency;

namespace DataSharing.Audit;

[StatelessWorker]
public sealed class AuditGrain(IAuditLog log) : Grain, IAuditGrain
{
    public Task<IReadOnlyList<AuditRecord>> Query(AuditFilter filter) => log.Query(filter);

    public async Task<AuditVerification> Verify()
    {
        var records = new List<AuditRecord>();
        await foreach (var record in log.ReadAll())
        {
            records.Add(record);
        }

        return AuditChain.Verify(records);
    }
}

using System.Diagnostics;
using Orleans.Concurrency;

namespace DataSharing.Audit;

[StatelessWorker, Reentrant]
public sealed class AuditGrain(IAuditLog log) : Grain, IAuditGrain
{
    public Task<IReadOnlyList<AuditRecord>> Query(AuditFilter filter) => log.Query(filter);

    public async Task<AuditVerification> Verify()
    {
        // The chain is streamed through the check, never held: memory stays flat however long it is.
        var watch = Stopwatch.StartNew();
        var result = await AuditChain.Verify(log.ReadAll());
        var seconds = watch.Elapsed.TotalSeconds;
        return result with
        {
            ElapsedSeconds = Math.Round(seconds, 3),
            RecordsPerSecond = seconds > 0 ? Math.Round(result.RecordsChecked / seconds) : null,
        };
    }
}

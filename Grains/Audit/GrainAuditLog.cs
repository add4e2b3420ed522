using System.Runtime.CompilerServices;

namespace DataSharing.Audit;

/// <summary>The embedded-mode audit log: the chain kept by one grain, read in pages.</summary>
public sealed class GrainAuditLog(IGrainFactory grains) : IAuditLog
{
    private const int Page = 1000;

    private IAuditChainGrain Chain => grains.GetGrain<IAuditChainGrain>(IAuditChainGrain.Key);

    public Task Append(IReadOnlyList<AuditEntry> entries) => Chain.Append(entries);

    public async Task<IReadOnlyList<AuditRecord>> Query(AuditFilter filter)
    {
        var found = new List<AuditRecord>();
        await foreach (var record in ReadAll())
        {
            if (record.Sequence > filter.AfterSequence
                && (filter.Department is null || record.Entry.Departments.Contains(filter.Department))
                && (filter.CaseId is null || record.Entry.CaseId == filter.CaseId))
            {
                found.Add(record);
                if (found.Count == filter.Limit)
                {
                    break;
                }
            }
        }

        return found;
    }

    public async IAsyncEnumerable<AuditRecord> ReadAll([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var after = 0L; ;)
        {
            var page = await Chain.Records(after, Page);
            foreach (var record in page)
            {
                yield return record;
            }

            if (page.Count < Page)
            {
                yield break;
            }

            after = page[^1].Sequence;
        }
    }
}

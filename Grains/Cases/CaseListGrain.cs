using DataSharing.Common;
using Orleans.Concurrency;

namespace DataSharing.Cases;

[StatelessWorker, Reentrant]
public sealed class CaseListGrain(ICaseListStore store) : Grain, ICaseListGrain
{
    public Task Upsert(CaseSummary row) => store.Upsert(row);

    public Task<Page<CaseSummary>> List(CaseListQuery query, PageRequest page) => store.List(query, page);

    public Task<CaseSummary?> Find(string kind, string id) => store.Find(kind, id);

    public Task<IReadOnlyList<OpenCaseCount>> CountOpen(IReadOnlyList<string> kinds, DueBounds bounds) => store.CountOpen(kinds, bounds);
}

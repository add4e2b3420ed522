using DataSharing.Common;
using Orleans.Concurrency;

namespace DataSharing.Departments;

[StatelessWorker, Reentrant]
public sealed class ViolationLogGrain(IViolationStore store) : Grain, IViolationLogGrain
{
    public Task Record(ViolationRecord violation) => store.Record(violation);

    public Task<Page<ViolationRecord>> List(PageRequest page) => store.List(null, page);

    public Task<Page<ViolationRecord>> ListOf(string department, PageRequest page) => store.List(department, page);

    public Task<IReadOnlyList<DailyCount>> CountByDay(string caseKind, string article, DateOnly from, DateOnly until)
    {
        DateRange.Validate(from, until);
        return store.CountByDay(caseKind, article, from, until);
    }
}

using DataSharing.Common;
using DataSharing.Federation;
using Orleans.Concurrency;

namespace DataSharing.Departments;

[StatelessWorker, Reentrant]
public sealed class ViolationLogGrain(IViolationStore store, FederationRouting routing, TimeProvider time) : Grain, IViolationLogGrain
{
    public async Task Record(ViolationRecord violation)
    {
        await store.Record(violation);
        // Art 43 across levels: a city's own violations go up to the province authority's queue too. The case keeps
        // the violation until this returns, so a crash before the hand-over records and reports it again (both by id).
        if (routing.ReportsUpTo(violation.Department) is { } province)
        {
            await GrainFactory.GetGrain<IFederationLinkGrain>(province)
                .Enqueue(FederationEffects.ViolationReported(routing.LocalPlatform!, province, violation, time.GetUtcNow()));
        }
    }

    public Task<Page<ViolationRecord>> List(PageRequest page) => store.List(null, page);

    public Task<Page<ViolationRecord>> ListOf(string department, PageRequest page) => store.List(department, page);

    public Task<IReadOnlyList<DailyCount>> CountByDay(string caseKind, string article, DateOnly from, DateOnly until)
    {
        DateRange.Validate(from, until);
        return store.CountByDay(caseKind, article, from, until);
    }
}

using DataSharing.Assessment;
using DataSharing.Cases;
using DataSharing.Catalog;
using DataSharing.Common;
using DataSharing.Hosting;
using DataSharing.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;

namespace DataSharing.Tests.Stores;

/// <summary>
/// The demo cluster with stores that fail the next write of a key when told to: a crash (or a database error) between
/// a case's state write and its row, with the state stored and the row not.
/// </summary>
public sealed class FailingStoresCluster : PlatformTestCluster
{
    private readonly HashSet<string> _failNext = [];

    /// <summary>The next write of <paramref name="key"/> ("list:", "assessment:" or "history:" and a case id or entry code) throws, once.</summary>
    public void FailNextWrite(string key)
    {
        lock (_failNext)
        {
            _failNext.Add(key);
        }
    }

    public void ThrowIfTold(string key)
    {
        lock (_failNext)
        {
            if (_failNext.Remove(key))
            {
                throw new InvalidOperationException($"The store failed the write of {key} (a fault the test injected).");
            }
        }
    }

    protected override void ConfigureSilo(ISiloBuilder silo)
    {
        var services = silo.Services;
        services.AddSingleton<ICaseListStore>(sp => new FailingCaseList(sp.GetRequiredService<EmbeddedStores>().CaseLists, this));
        services.AddSingleton<IAssessmentStore>(sp => new FailingAssessment(sp.GetRequiredService<EmbeddedStores>().Assessments, this));
        services.AddSingleton<ICatalogListStore>(sp => new FailingCatalog(sp.GetRequiredService<EmbeddedStores>().Catalog, this));
        services.AddSingleton<ICatalogHistoryStore>(sp => new FailingHistory(sp.GetRequiredService<EmbeddedStores>().CatalogHistory, this));
    }

    private sealed class FailingCaseList(ICaseListStore store, FailingStoresCluster faults) : ICaseListStore
    {
        public Task Upsert(CaseSummary row)
        {
            faults.ThrowIfTold($"list:{row.Id}");
            return store.Upsert(row);
        }

        public Task<Page<CaseSummary>> List(CaseListQuery query, PageRequest page) => store.List(query, page);

        public Task<CaseSummary?> Find(string kind, string id) => store.Find(kind, id);

        public Task<IReadOnlyList<OpenCaseCount>> CountOpen(IReadOnlyList<string> kinds, DueBounds bounds) => store.CountOpen(kinds, bounds);
    }

    private sealed class FailingAssessment(IAssessmentStore store, FailingStoresCluster faults) : IAssessmentStore
    {
        public Task Record(AssessedCase fact)
        {
            faults.ThrowIfTold($"assessment:{fact.CaseId}");
            return store.Record(fact);
        }

        public Task<AssessedCase?> Find(string kind, string caseId) => store.Find(kind, caseId);

        public Task<IReadOnlyList<DepartmentAssessment>> Assess(IReadOnlyList<string> departments, int year) => store.Assess(departments, year);

        public Task<IReadOnlyList<DailyAnswers>> AnswersByDay(string kind, DateOnly from, DateOnly until) => store.AnswersByDay(kind, from, until);
    }

    private sealed class FailingCatalog(ICatalogListStore store, FailingStoresCluster faults) : ICatalogListStore
    {
        public Task Upsert(CatalogEntrySummary row)
        {
            faults.ThrowIfTold($"list:{row.Code}");
            return store.Upsert(row);
        }

        public Task<Page<CatalogEntrySummary>> List(CatalogListQuery query, PageRequest page) => store.List(query, page);
    }

    private sealed class FailingHistory(ICatalogHistoryStore store, FailingStoresCluster faults) : ICatalogHistoryStore
    {
        public Task Append(string code, IReadOnlyList<CatalogEntryVersion> versions)
        {
            faults.ThrowIfTold($"history:{code}");
            return store.Append(code, versions);
        }

        public Task<Page<CatalogEntryVersion>> List(string code, PageRequest page) => store.List(code, page);
    }
}

using DataSharing.Cases;
using DataSharing.Common;
using DataSharing.Hosting;
using DataSharing.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace DataSharing.Tests.Stores;

/// <summary>
/// The demo cluster with stores that fail the next write of a key when told to: a crash (or a database error) between
/// a case's state write and its row, with the state stored and the row not.
/// </summary>
public sealed class FailingStoresCluster : PlatformTestCluster
{
    private readonly HashSet<string> _failNext = [];

    /// <summary>The next write for <paramref name="key"/> (a case id, an entry code) throws, once.</summary>
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

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<ICaseListStore>(sp => new FailingCaseList(sp.GetRequiredService<EmbeddedStores>().CaseLists, this));
    }

    private sealed class FailingCaseList(ICaseListStore store, FailingStoresCluster faults) : ICaseListStore
    {
        public Task Upsert(CaseSummary row)
        {
            faults.ThrowIfTold(row.Id);
            return store.Upsert(row);
        }

        public Task<Page<CaseSummary>> List(CaseListQuery query, PageRequest page) => store.List(query, page);
    }
}

using DataSharing.Audit;
using DataSharing.Cases;
using DataSharing.Common;
using DataSharing.Sharing;
using DataSharing.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Storage;

namespace DataSharing.Tests.Cases;

/// <summary>
/// The test cluster with switches that make the audit log, the read model or the grain storage fail, to check what a
/// case answers and keeps when a step around its write fails.
/// </summary>
public sealed class FaultyPlatform : PlatformTestCluster
{
    public volatile bool AuditDown;
    public volatile bool ReadModelDown;

    /// <summary>The next write of this state name fails (once), as if the database did not answer.</summary>
    public string? FailNextWriteOf;

    protected override void ConfigureSilo(ISiloBuilder silo)
    {
        silo.Services.AddSingleton<IAuditLog>(new FaultyAuditLog(this));
        silo.Services.AddSingleton<IShareRequestReadModel>(new FaultyReadModel(this));
        silo.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Platform,
            (services, _) => new FaultyStorage(this, MemoryGrainStorageFactory.Create(services, StorageNames.Platform)));
    }

    private static InvalidOperationException Down(string what) => new($"{what} is down (injected).");

    private sealed class FaultyAuditLog(FaultyPlatform platform) : IAuditLog
    {
        public Task Append(IReadOnlyList<AuditEntry> entries) =>
            platform.AuditDown ? throw Down("The audit log") : platform.Stores.Audit.Append(entries);

        public Task<IReadOnlyList<AuditRecord>> Query(AuditFilter filter) => platform.Stores.Audit.Query(filter);

        public IAsyncEnumerable<AuditRecord> ReadAll(CancellationToken cancellationToken = default) => platform.Stores.Audit.ReadAll(cancellationToken);
    }

    private sealed class FaultyReadModel(FaultyPlatform platform) : IShareRequestReadModel
    {
        private IShareRequestReadModel Rows => platform.Stores.ShareRequests;

        public Task Upsert(ShareRequestSummary row) => platform.ReadModelDown ? throw Down("The read model") : Rows.Upsert(row);

        public Task<Page<ShareRequestSummary>> Inbox(string provider, PageRequest page) => Rows.Inbox(provider, page);

        public Task<Page<ShareRequestSummary>> Outbox(string requester, PageRequest page) => Rows.Outbox(requester, page);

        public Task<Page<ShareRequestSummary>> Overdue(PageRequest page) => Rows.Overdue(page);

        public Task<Page<ShareRequestSummary>> Awaiting(PageRequest page) => Rows.Awaiting(page);

        public Task<IReadOnlyList<OpenCaseCount>> CountOpen(DueBounds bounds) => Rows.CountOpen(bounds);

        public Task<IReadOnlyList<ShareRequestSummary>> Grants(string requester, string entryCode, string scenario, int limit) =>
            Rows.Grants(requester, entryCode, scenario, limit);

        public Task<Page<string>> GrantHolders(string entryCode, PageRequest page) => Rows.GrantHolders(entryCode, page);
    }

    private sealed class FaultyStorage(FaultyPlatform platform, IGrainStorage inner) : IGrainStorage
    {
        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
            inner.ReadStateAsync(stateName, grainId, grainState);

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            // Exchanged by reference: the flag is consumed by the one write that fails.
            var target = platform.FailNextWriteOf;
            return target == stateName && ReferenceEquals(Interlocked.CompareExchange(ref platform.FailNextWriteOf, null, target), target)
                ? throw Down("The grain storage")
                : inner.WriteStateAsync(stateName, grainId, grainState);
        }

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
            inner.ClearStateAsync(stateName, grainId, grainState);
    }
}

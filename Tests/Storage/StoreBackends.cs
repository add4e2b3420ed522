using DataSharing.Audit;
using DataSharing.Data;
using DataSharing.Hosting;
using DataSharing.Sharing;
using DataSharing.Silo.Persistence;
using DataSharing.Tests.Cluster;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace DataSharing.Tests.Storage;

/// <summary>
/// The two implementations of the platform's stores: in memory (embedded mode) and PostgreSQL (cluster mode, a fresh
/// migrated database on the real server). Store tests run the same assertions against both.
/// </summary>
public sealed class StoreBackends : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _owned = [];

    private StoreBackends(IAuditLog audit, IAccessCheckLog accessChecks, IShareRequestReadModel shareRequests, IDataRecordStore dataRecords,
        string? connectionString)
    {
        Audit = audit;
        AccessChecks = accessChecks;
        ShareRequests = shareRequests;
        DataRecords = dataRecords;
        ConnectionString = connectionString;
    }

    public IAuditLog Audit { get; }

    public IAccessCheckLog AccessChecks { get; }

    public IShareRequestReadModel ShareRequests { get; }

    public IDataRecordStore DataRecords { get; }

    /// <summary>The database behind the PostgreSQL stores, null in memory.</summary>
    public string? ConnectionString { get; }

    public static TheoryData<string> Kinds => new() { "memory", "postgres" };

    public static async Task<StoreBackends> Create(string kind)
    {
        if (kind == "memory")
        {
            var stores = new EmbeddedStores();
            return new StoreBackends(stores.Audit, stores.AccessChecks, stores.ShareRequests, stores.DataRecords, null);
        }

        var connectionString = await TestPostgres.CreateMigratedDatabase();
        var database = Pooled(connectionString);
        var commit = new PostgresGroupCommit(database, NullLogger<PostgresGroupCommit>.Instance);
        var backends = new StoreBackends(new PostgresAuditLog(database, commit), new PostgresAccessCheckLog(database, commit),
            new PostgresShareRequestReadModel(database, commit), new PostgresDataRecordStore(database), connectionString);
        backends._owned.Add(commit);
        backends._owned.Add(database);
        return backends;
    }

    /// <summary>Another silo's writer on the same database (PostgreSQL only): its own pool and group commit.</summary>
    public async Task<(IAuditLog Audit, IAsyncDisposable Owner)> AnotherSilo()
    {
        var database = Pooled(ConnectionString!);
        var commit = new PostgresGroupCommit(database, NullLogger<PostgresGroupCommit>.Instance);
        _owned.Add(commit);
        _owned.Add(database);
        await Task.CompletedTask;
        return (new PostgresAuditLog(database, commit), commit);
    }

    /// <summary>A silo's pool size, so that many concurrent calls wait for a connection as they would there.</summary>
    private static NpgsqlDataSource Pooled(string connectionString) =>
        NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = 10 }.ConnectionString);

    public async ValueTask DisposeAsync()
    {
        foreach (var owned in _owned)
        {
            await owned.DisposeAsync();
        }
    }
}

using DataSharing.Silo.Persistence;
using DataSharing.Tests.Cluster;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace DataSharing.Tests.Stores;

/// <summary>
/// A database of its own, migrated with the project's migration command, and the group commit the PostgreSQL stores
/// write through, shared by the tests of one class (each test uses keys of its own).
/// </summary>
public sealed class PostgresStores : IAsyncLifetime
{
    public NpgsqlDataSource Database { get; private set; } = null!;

    public PostgresGroupCommit Commit { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = NpgsqlDataSource.Create(await TestPostgres.CreateMigratedDatabase());
        Commit = new PostgresGroupCommit(Database, NullLogger<PostgresGroupCommit>.Instance);
    }

    public async Task DisposeAsync()
    {
        await Commit.DisposeAsync();
        await Database.DisposeAsync();
    }
}

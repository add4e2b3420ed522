using DataSharing.Api.Endpoints;
using DataSharing.Common;
using DataSharing.Data;
using DataSharing.Silo.Persistence;
using DataSharing.Tests.Cluster;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace DataSharing.Tests.Support;

/// <summary>
/// The API loading uploads under tickets as it does in cluster mode (issue 11): <see cref="TicketedUploads"/> on, the
/// records in PostgreSQL (a fresh migrated database on the real server), the grains in the embedded silo, and the
/// domain clock on a clock the test moves (ticket expiry). Only the hop to another process is missing.
/// </summary>
public sealed class TicketedUploadPlatform : ApiFactory, IAsyncLifetime
{
    private NpgsqlDataSource? _database;

    public string ConnectionString { get; private set; } = "";

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();

    public IDataRecordStore Records => Services.GetRequiredService<IDataRecordStore>();

    public async Task InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateMigratedDatabase();
        _database = NpgsqlDataSource.Create(ConnectionString);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(new PlatformClock(Clock));
            services.AddSingleton<IDataRecordStore>(new PostgresDataRecordStore(_database!));
            services.AddSingleton<TicketedUploads>();
        });
    }

    /// <summary>One value from the records' database.</summary>
    public async Task<T> Scalar<T>(string sql)
    {
        await using var command = _database!.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    Task IAsyncLifetime.DisposeAsync() => _database?.DisposeAsync().AsTask() ?? Task.CompletedTask;
}

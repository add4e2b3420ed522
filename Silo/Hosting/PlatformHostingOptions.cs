using Microsoft.Extensions.Configuration;

namespace DataSharing.Silo.Hosting;

/// <summary>
/// Configuration section "Platform" (environment variables Platform__Mode, Platform__SiloPort, ...) and the
/// connection string "Platform" (ConnectionStrings__Platform) used in cluster mode.
/// </summary>
public sealed class PlatformHostingOptions
{
    public const string Section = "Platform";
    public const string ConnectionStringName = "Platform";

    public HostingMode Mode { get; set; } = HostingMode.Embedded;

    public string ClusterId { get; set; } = "datasharing-dev";

    public string ServiceId { get; set; } = "datasharing";

    /// <summary>Silo-to-silo port. Unset: a free port in embedded mode, 11111 in cluster mode.</summary>
    public int? SiloPort { get; set; }

    /// <summary>The port clients connect to. Unset: a free port in embedded mode, 30000 in cluster mode.</summary>
    public int? GatewayPort { get; set; }

    /// <summary>The address other silos and clients reach this silo at (cluster mode).</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>Seed the demo province (departments and catalog entries) when the cluster has no department yet.</summary>
    public bool SeedDemo { get; set; } = true;

    /// <summary>
    /// Shifts the domain and reminder clocks (e.g. "10.00:00:00"). For fault drills and process-level tests only:
    /// it makes every deadline come due early, so start-up logs it as a warning.
    /// </summary>
    public TimeSpan ClockOffset { get; set; }

    /// <summary>How often each silo re-reads the reminder table (Orleans default: 5 minutes).</summary>
    public TimeSpan? ReminderRefreshPeriod { get; set; }

    /// <summary>The PostgreSQL connection string (cluster mode); never in the repo.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// Connections this process opens at most for Orleans' providers (membership, grain state, reminders). With
    /// <see cref="PlatformPoolSize"/>, the sum over every silo and API process must stay below the server's
    /// max_connections (deploy/postgres/pg-local.sh sets 300): 3 silos and an API at the defaults use 4 x 40 = 160.
    /// When all are busy a query waits for one (backpressure) instead of the server refusing new clients.
    /// </summary>
    public int OrleansPoolSize { get; set; } = 30;

    /// <summary>Connections this process opens at most for the platform's own tables (group commit, lists, health).</summary>
    public int PlatformPoolSize { get; set; } = 10;

    /// <summary>
    /// Which provider stores the platform grains' states in cluster mode: <see cref="StateStorageKind.Batched"/> (the
    /// project's, states written in the silo's group commit) or <see cref="StateStorageKind.AdoNet"/> (Orleans' own,
    /// a transaction per write), on the same table and row format; kept so that a benchmark compares both.
    /// </summary>
    public StateStorageKind StateStorage { get; set; } = StateStorageKind.Batched;

    /// <summary>
    /// How long a grain call may wait for its answer (Orleans' default is 30 s). A call to a silo that has just died
    /// fails after at most this long, so that with the HTTP exchange around it no request waits more than 10 s; long
    /// operations (audit verification, loading a calendar year) set their own.
    /// </summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>How long a silo waits for a probe's answer before counting it missed (Orleans' default is 5 s; three missed votes a silo dead).</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The connection string for Orleans' providers, with its pool bounded.</summary>
    public string OrleansConnectionString => WithPool(OrleansPoolSize, "orleans");

    /// <summary>The connection string for the platform's own data source, with its pool bounded.</summary>
    public string PlatformConnectionString => WithPool(PlatformPoolSize, "platform");

    /// <remarks>
    /// A connection returned to the pool is not reset (DISCARD ALL) before its next use: the providers and the
    /// platform leave no session state behind, and the reset was a round trip on every query of a hot path. The
    /// statements of the hot paths (a handful per provider) are prepared on each connection after their second use,
    /// so PostgreSQL stops parsing and planning them on every call.
    /// </remarks>
    private string WithPool(int size, string name) =>
        new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString)
        {
            MaxPoolSize = size,
            ApplicationName = $"datasharing-{name}",
            NoResetOnClose = true,
            MaxAutoPrepare = 64,
            AutoPrepareMinUsages = 2,
        }.ConnectionString;

    public static PlatformHostingOptions From(IConfiguration configuration)
    {
        var options = configuration.GetSection(Section).Get<PlatformHostingOptions>() ?? new();
        options.ConnectionString ??= configuration.GetConnectionString(ConnectionStringName);
        if (options.Mode == HostingMode.Cluster && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new InvalidOperationException("Cluster mode needs a PostgreSQL connection string: set ConnectionStrings__Platform.");
        }

        return options;
    }
}

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

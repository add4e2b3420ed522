namespace DataSharing.Silo.Hosting;

/// <summary>Configuration section "Platform" (environment variables Platform__Mode, Platform__SiloPort, ...).</summary>
public sealed class PlatformHostingOptions
{
    public const string Section = "Platform";

    public HostingMode Mode { get; set; } = HostingMode.Embedded;

    public string ClusterId { get; set; } = "datasharing-dev";

    public string ServiceId { get; set; } = "datasharing";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    /// <summary>Seed the demo province (departments and catalog entries) when the cluster has no department yet.</summary>
    public bool SeedDemo { get; set; } = true;

    public static PlatformHostingOptions From(Microsoft.Extensions.Configuration.IConfiguration configuration) =>
        Microsoft.Extensions.Configuration.ConfigurationBinder.Get<PlatformHostingOptions>(configuration.GetSection(Section)) ?? new();
}

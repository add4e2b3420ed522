using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DataSharing.Silo.Hosting;

/// <summary>Says loudly, once the silo is up, whether what it stores survives a restart.</summary>
internal sealed class StartupBanner(PlatformHostingOptions options, ILogger<StartupBanner> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Mode == HostingMode.Embedded)
        {
            logger.LogWarning(
                "EMBEDDED MODE: grain state and reminders are kept IN MEMORY and are lost when this process stops. " +
                "Set Platform__Mode=Cluster with a PostgreSQL connection string for a durable cluster.");
            logger.LogInformation("The embedded silo listens on 127.0.0.1 port {SiloPort} (silo) and {GatewayPort} (gateway).", options.SiloPort, options.GatewayPort);
        }
        else
        {
            logger.LogInformation("Cluster mode: cluster {ClusterId}, state and reminders in PostgreSQL.", options.ClusterId);
        }

        if (options.ClockOffset != TimeSpan.Zero)
        {
            logger.LogWarning("CLOCK OFFSET {Offset}: the domain and reminder clocks run ahead of real time (drills and tests only).", options.ClockOffset);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

using DataSharing.Silo.Hosting;
using OpenTelemetry.Metrics;

namespace DataSharing.Silo;

/// <summary>A silo without the REST API, for cluster mode: API processes connect to it as Orleans clients.</summary>
public static class SiloProgram
{
    public static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddPlatformSilo();
        builder.Services.AddPlatformHealth();
        var app = builder.Build();

        // This host's HTTP port is for operators and probes (bind it to a private address): health and metrics.
        app.MapPlatformHealth();
        app.MapPrometheusScrapingEndpoint("/metrics").WithMetadata(PlatformHealth.ReadOnly);
        app.Run();
    }
}

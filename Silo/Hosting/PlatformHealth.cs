using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace DataSharing.Silo.Hosting;

public static class PlatformHealth
{
    /// <summary>"/health" reflects the cluster (an active silo answers) and, in cluster mode, the database.</summary>
    public static void AddPlatformHealth(this IServiceCollection services) =>
        services.AddHealthChecks().AddCheck<SiloHealthCheck>("silo");

    public static void MapPlatformHealth(this IEndpointRouteBuilder app) =>
        app.MapHealthChecks("/health", new HealthCheckOptions
        {
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
            ResponseWriter = (http, report) =>
            {
                http.Response.ContentType = "application/json";
                return http.Response.WriteAsync(JsonSerializer.Serialize(new
                {
                    status = report.Status.ToString(),
                    checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), e.Value.Description }),
                }));
            },
        }).AllowAnonymous().WithMetadata(ReadOnly);

    /// <summary>Probes and scrapers only read: any other method is a 405, not a health report.</summary>
    public static readonly HttpMethodMetadata ReadOnly = new(["GET", "HEAD"]);

    /// <summary>Healthy when the cluster answers and has at least one active silo.</summary>
    private sealed class SiloHealthCheck(IGrainFactory grains) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
                return hosts.Count > 0
                    ? HealthCheckResult.Healthy($"{hosts.Count} active silo(s)")
                    : HealthCheckResult.Unhealthy("No active silo");
            }
            catch (Exception e)
            {
                return HealthCheckResult.Unhealthy("The cluster does not answer", e);
            }
        }
    }
}

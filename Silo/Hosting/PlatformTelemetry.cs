using DataSharing.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;

namespace DataSharing.Silo.Hosting;

public static class PlatformTelemetry
{
    /// <summary>
    /// OpenTelemetry metrics: the platform's own meter (cases submitted, answered, overdue; reminder lateness) and
    /// Orleans' runtime meter, exposed for scraping at /metrics (see <c>MapPlatformMetrics</c>).
    /// </summary>
    public static void AddPlatformTelemetry(this IHostApplicationBuilder builder) =>
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(PlatformMetrics.MeterName, "Microsoft.Orleans")
            .AddPrometheusExporter());
}

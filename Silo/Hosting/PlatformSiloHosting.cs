using DataSharing.Common;
using DataSharing.Hosting;
using DataSharing.Silo.Demo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DataSharing.Silo.Hosting;

public static class PlatformSiloHosting
{
    /// <summary>Wires an Orleans silo for the configured mode into the host (the silo process or the embedded API).</summary>
    public static PlatformHostingOptions AddPlatformSilo(this IHostApplicationBuilder builder)
    {
        var options = PlatformHostingOptions.From(builder.Configuration);
        builder.Services.AddPlatformDomain(builder.Configuration);
        builder.UseOrleans(silo =>
        {
            switch (options.Mode)
            {
                case HostingMode.Embedded:
                    silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);
                    silo.AddMemoryGrainStorage(StorageNames.Platform);
                    silo.UseInMemoryReminderService();
                    break;
                default:
                    throw new NotSupportedException($"Hosting mode {options.Mode} is not available in this build.");
            }
        });

        if (options.SeedDemo)
        {
            builder.Services.AddHostedService<DemoProvinceSeeder>();
        }

        builder.Services.AddHostedService<StartupBanner>();
        return options;
    }
}

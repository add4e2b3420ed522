using DataSharing.Audit;
using DataSharing.Common;
using DataSharing.Sharing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DataSharing.Hosting;

public static class PlatformDomainServices
{
    /// <summary>The services the grains need, whatever the hosting mode. Registrations made earlier win (tests).</summary>
    public static IServiceCollection AddPlatformDomain(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(new PlatformClock(TimeProvider.System));
        services.AddMetrics();
        services.TryAddSingleton<PlatformMetrics>();
        services.AddOptions<Rulebook>().Bind(configuration.GetSection(Rulebook.Section));
        services.TryAddSingleton<IShareRequestReadModel, GrainShareRequestReadModel>();
        services.TryAddSingleton<IAuditLog, GrainAuditLog>();
        return services;
    }
}

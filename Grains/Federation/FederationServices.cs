using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DataSharing.Federation;

public static class FederationServices
{
    /// <summary>What both a silo and an API process need: the options, the signature, the gate and the routing.</summary>
    public static IServiceCollection AddFederation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FederationOptions>().Bind(configuration.GetSection(FederationOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<FederationMetrics>();
        services.TryAddSingleton<FederationRouting>();
        services.TryAddSingleton<FederationGate>();
        services.TryAddSingleton<FederationTransport>();
        services.TryAddSingleton<IMessageSignature>(sp =>
            sp.GetRequiredService<IOptions<FederationOptions>>().Value.PrivateKey is { Length: > 0 } key
                ? new Es256MessageSignature(key)
                : throw new InvalidOperationException("Federation needs this platform's private key: set Federation__PrivateKey (deploy/federation.sh keys makes one)."));
        return services;
    }
}

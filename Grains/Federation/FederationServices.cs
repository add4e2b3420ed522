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
        services.AddOptions<FederationOptions>().Bind(configuration.GetSection(FederationOptions.Section))
            .Validate(o => !o.Enabled || o.PrivateKey is { Length: > 0 }, "Federation needs this platform's private key: set Federation__PrivateKey (deploy/federation.sh makes one).")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<FederationMetrics>();
        services.TryAddSingleton<FederationRouting>();
        services.TryAddSingleton<FederationGate>();
        services.TryAddSingleton<FederationTransport>();
        services.TryAddSingleton<FederationReads>();
        // An unfederated platform signs nothing; its front door answers 404 before any key is needed.
        services.TryAddSingleton<IMessageSignature>(sp =>
            sp.GetRequiredService<IOptions<FederationOptions>>().Value.PrivateKey is { Length: > 0 } key ? new Es256MessageSignature(key) : new NoSignature());
        return services;
    }

    private sealed class NoSignature : IMessageSignature
    {
        public string Sign(string payload) => throw new InvalidOperationException("This platform is not federated: it has no key to sign with.");

        public Task<string?> Verify(string token, IReadOnlyList<string> publicKeys) => Task.FromResult<string?>(null);
    }
}

using DataSharing.Federation;
using DataSharing.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace DataSharing.Tests.Federation;

/// <summary>
/// The province's platform (340000) with Hefei as a configured peer that nothing listens for: what the province sends
/// back stays in its outbox, where the test reads it and hands it to a <see cref="FederatedHefeiCluster"/> itself.
/// </summary>
public sealed class FederatedProvinceCluster : PlatformTestCluster
{
    protected override void ConfigureSilo(ISiloBuilder silo) => silo.Services.Configure<FederationOptions>(o =>
    {
        o.PlatformCode = FederatedPlatforms.ProvinceCode;
        o.PrivateKey = FederatedPlatforms.ProvinceKeys.PrivateKey;
        o.Peers = [new FederationPeer { Code = FederatedPlatforms.HefeiCode, BaseUrl = "http://127.0.0.1:9", PublicKeys = [FederatedPlatforms.HefeiKeys.PublicKey] }];
        o.MaxRetryDelay = TimeSpan.FromMinutes(10);
    });
}

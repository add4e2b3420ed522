using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataSharing.Federation;

/// <summary>
/// At silo start-up, wakes the link to every peer: what a crash left in an outbox is delivered now rather than at the
/// link's next reminder tick. A peer configured since the last start is handed the catalog as it stands.
/// </summary>
public sealed class FederationWakeup(IGrainFactory grains, IOptions<FederationOptions> options, ILogger<FederationWakeup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var peer in options.Value.Peers)
        {
            for (var attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
            {
                try
                {
                    await grains.GetGrain<IFederationLinkGrain>(peer.Code).Wake();
                    await grains.GetGrain<ICatalogHandoverGrain>(peer.Code).Start();
                    break;
                }
                catch (Exception e) when (attempt < 30)
                {
                    logger.LogDebug(e, "Waking the link to {Peer} failed; retrying.", peer.Code);
                    await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
                }
            }
        }
    }
}

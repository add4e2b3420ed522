using DataSharing.Common;
using DataSharing.Departments;
using DataSharing.Federation;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DataSharing.Silo.Demo;

/// <summary>
/// Seeds <see cref="DemoProvince"/> once the silo is up, if the cluster has no department yet. It runs as a hosted
/// service registered after the silo's, so the silo is active when it starts and the API answers only once it is done.
/// Right after a crash the cluster may still route calls to dead incarnations for a few seconds, so failures are
/// retried; seeding never takes the silo down.
/// </summary>
internal sealed class DemoProvinceSeeder(IGrainFactory grains, FederationRouting federation, ILogger<DemoProvinceSeeder> logger) : IHostedService
{
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(2);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var until = DateTime.UtcNow + GiveUpAfter;
        var checkedEmpty = false;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // Only a cluster that had no department gets the demo; once begun, a failed seed is run again whole.
                if (!checkedEmpty && (await grains.GetGrain<IDepartmentDirectoryGrain>(IDepartmentDirectoryGrain.Key).List(new PageRequest(1))).Items.Count > 0)
                {
                    return;
                }

                checkedEmpty = true;
                await DemoProvince.Seed(grains, federation.LocalPlatform);
                logger.LogInformation("Seeded the demo province (platform {Platform}).", federation.LocalPlatform ?? "unfederated: all of it");
                return;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && DateTime.UtcNow < until)
            {
                logger.LogWarning(e, "Seeding the demo province failed (attempt {Attempt}); retrying.", attempt);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(10, attempt * 2)), cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogError(e, "Seeding the demo province failed; the silo runs without it.");
                return;
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

using DataSharing.Departments;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DataSharing.Silo.Demo;

/// <summary>
/// Seeds <see cref="DemoProvince"/> once the silo is up, if the cluster has no department yet. It runs as a hosted
/// service registered after the silo's, so the silo is active when it starts and the API answers only once it is done.
/// </summary>
internal sealed class DemoProvinceSeeder(IGrainFactory grains, ILogger<DemoProvinceSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if ((await grains.GetGrain<IDepartmentDirectoryGrain>(IDepartmentDirectoryGrain.Key).List()).Count > 0)
        {
            return;
        }

        await DemoProvince.Seed(grains);
        logger.LogInformation("Seeded the demo province: {Departments} departments, {Entries} published catalog entries.",
            DemoProvince.Departments.Count, DemoProvince.Entries.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

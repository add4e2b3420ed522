using DataSharing.Common;
using DataSharing.Hosting;
using DataSharing.Incidents;
using DataSharing.Silo.Hosting;
using DataSharing.Silo.Demo;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Hosting;
using Orleans.Reminders;
using Orleans.Storage;
using Orleans.TestingHost;

namespace DataSharing.Tests.Support;

/// <summary>
/// Two in-process silos with in-memory storage and reminders, seeded with the demo province, where one fake clock
/// drives both the domain's "now" and the reminder service: advancing it a month fires the month's deadlines at once.
/// </summary>
public class PlatformTestCluster : IAsyncLifetime
{
    /// <summary>Thursday 2026-09-24, 10:00 in Shanghai: the example of domain.md.</summary>
    public static readonly DateTimeOffset Start = new(2026, 9, 24, 10, 0, 0, TimeSpan.FromHours(8));

    public PlatformTestCluster()
        : this(Start)
    {
    }

    protected PlatformTestCluster(DateTimeOffset start) => Clock = new FakeTimeProvider(start);

    public FakeTimeProvider Clock { get; }

    public EmbeddedStores Stores { get; } = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(StorageNames.Platform);
            silo.AddMemoryGrainStorage(IncidentStreams.PubSubStore);
            silo.AddIncidentStreams();
            silo.AddCaseStreams();
            silo.UseInMemoryReminderService();
            silo.Services.AddSingleton(new PlatformClock(Clock));
            silo.Services.AddKeyedSingleton<TimeProvider>(ReminderTimeProviderNames.Reminders, Clock);
            silo.Services.PostConfigure<ReminderOptions>(o =>
            {
                // Keep every reminder on a local timer of the fake clock instead of reloading the near ones from the
                // table on a refresh cadence: a jump of days then fires exactly the timers that fall due in it.
                o.RefreshReminderListPeriod = TimeSpan.FromSeconds(1);
                o.ReminderLoadingWindow = TimeSpan.FromDays(3650);
                o.InitializationTimeout = TimeSpan.FromSeconds(30);
            });
            // The silos share one set of stores, as a cluster's silos share one database, and read through their caches
            // (tests of the caches themselves drive them directly).
            ConfigureSilo(silo);
            silo.Services.AddSingleton(Stores);
            silo.Services.PostConfigure<CacheOptions>(o => (o.GrantMaxAge, o.CatalogMaxAge, o.CalendarMaxAge) = (TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero));
            silo.Services.AddPlatformDomain(new ConfigurationBuilder().Build());
        });
        // The tests subscribe to the incident stream through the cluster's client.
        builder.ConfigureClient(client => client.AddIncidentStreams());
        Cluster = builder.Build();
        await Cluster.DeployAsync();
        await DemoProvince.Seed(Grains);
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    /// <summary>A fixture's own services (e.g. faulty stores), registered before the platform's defaults.</summary>
    protected virtual void ConfigureSilo(ISiloBuilder silo)
    {
    }

    /// <summary>Moves the clock and gives the reminder service a moment (real time, not the days skipped) to deliver.</summary>
    public async Task Advance(TimeSpan by)
    {
        Clock.Advance(by);
        await Task.Yield();
    }

    public void AdvanceTo(DateTimeOffset instant) => Clock.Advance(instant - Clock.GetUtcNow());
}

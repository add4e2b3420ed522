using DataSharing.Assessment;
using DataSharing.Audit;
using DataSharing.Calendar;
using DataSharing.Cases;
using DataSharing.Catalog;
using DataSharing.Common;
using DataSharing.Data;
using DataSharing.Departments;
using DataSharing.Federation;
using DataSharing.Incidents;
using DataSharing.OpenData;
using DataSharing.Sharing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Storage;

namespace DataSharing.Hosting;

public static class PlatformDomainServices
{
    /// <summary>
    /// The services the grains need, whatever the hosting mode. Registrations made earlier win: cluster mode registers
    /// its PostgreSQL stores first, tests their clock and shared stores.
    /// </summary>
    public static IServiceCollection AddPlatformDomain(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(new PlatformClock(TimeProvider.System));
        services.AddMetrics();
        services.TryAddSingleton<PlatformMetrics>();
        services.AddOptions<Rulebook>().Bind(configuration.GetSection(Rulebook.Section));
        services.AddOptions<CacheOptions>().Bind(configuration.GetSection(CacheOptions.Section));
        services.AddOptions<OpenDataOptions>().Bind(configuration.GetSection(OpenDataOptions.Section));
        services.TryAddSingleton<OpenDataPermits>();
        services.TryAddSingleton<OpenCursor>();

        // Grain state is stored with Orleans' own serializer, in memory as in PostgreSQL: the [GenerateSerializer]/[Id]
        // contracts are the versioned format, and it round-trips what JSON with type names cannot (e.g. collection
        // expressions), which an activation reading back its state would otherwise fail on.
        services.TryAddKeyedSingleton<IGrainStorageSerializer, OrleansGrainStorageSerializer>(StorageNames.Platform);
        services.TryAddKeyedSingleton<IGrainStorageSerializer, OrleansGrainStorageSerializer>(IncidentStreams.PubSubStore);

        services.TryAddSingleton<EmbeddedStores>();
        services.TryAddSingleton<IAuditLog>(sp => sp.GetRequiredService<EmbeddedStores>().Audit);
        services.TryAddSingleton<IAccessCheckLog>(sp => sp.GetRequiredService<EmbeddedStores>().AccessChecks);
        services.TryAddSingleton<IShareRequestReadModel>(sp => sp.GetRequiredService<EmbeddedStores>().ShareRequests);
        services.TryAddSingleton<ICaseListStore>(sp => sp.GetRequiredService<EmbeddedStores>().CaseLists);
        services.TryAddSingleton<IAssessmentStore>(sp => sp.GetRequiredService<EmbeddedStores>().Assessments);
        services.TryAddSingleton<IViolationStore>(sp => sp.GetRequiredService<EmbeddedStores>().Violations);
        services.TryAddSingleton<ICatalogListStore>(sp => sp.GetRequiredService<EmbeddedStores>().Catalog);
        services.TryAddSingleton<ICatalogHistoryStore>(sp => sp.GetRequiredService<EmbeddedStores>().CatalogHistory);
        services.TryAddSingleton<IProvisionalWatcherStore>(sp => sp.GetRequiredService<EmbeddedStores>().ProvisionalWatchers);
        services.TryAddSingleton<IDataRecordStore>(sp => sp.GetRequiredService<EmbeddedStores>().DataRecords);
        services.TryAddSingleton<IFederationOutboxStore>(sp => sp.GetRequiredService<EmbeddedStores>().FederationOutbox);

        services.TryAddSingleton<GrantCache>();
        services.TryAddSingleton<CatalogEntryCache>();
        return services.AddPlatformReadCaches(configuration);
    }

    /// <summary>What an API process also holds (an Orleans client in cluster mode): the calendar, for the calculator.</summary>
    public static IServiceCollection AddPlatformReadCaches(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(new PlatformClock(TimeProvider.System));
        services.AddOptions<CacheOptions>().Bind(configuration.GetSection(CacheOptions.Section));
        services.TryAddSingleton<CalendarCache>();
        return services.AddFederation(configuration);
    }
}

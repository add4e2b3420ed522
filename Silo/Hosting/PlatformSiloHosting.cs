using System.Net;
using DataSharing.Assessment;
using DataSharing.Audit;
using DataSharing.Calendar;
using DataSharing.Cases;
using DataSharing.Catalog;
using DataSharing.Common;
using DataSharing.Data;
using DataSharing.Departments;
using DataSharing.Federation;
using DataSharing.Hosting;
using DataSharing.Incidents;
using DataSharing.Sharing;
using DataSharing.Silo.Demo;
using DataSharing.Silo.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Hosting;
using Npgsql;
using Orleans.Reminders;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace DataSharing.Silo.Hosting;

public static class PlatformSiloHosting
{
    /// <summary>The ADO.NET invariant the Orleans providers use to load Npgsql.</summary>
    public const string Invariant = "Npgsql";

    /// <summary>Wires an Orleans silo for the configured mode into the host (the silo process or the embedded API).</summary>
    public static PlatformHostingOptions AddPlatformSilo(this IHostApplicationBuilder builder)
    {
        var options = PlatformHostingOptions.From(builder.Configuration);
        var (siloPort, gatewayPort) = options.Mode == HostingMode.Embedded
            ? EmbeddedPorts.Resolve(options.SiloPort, options.GatewayPort)
            : (options.SiloPort ?? 11111, options.GatewayPort ?? 30000);
        (options.SiloPort, options.GatewayPort) = (siloPort, gatewayPort);
        // The options as resolved (the ports picked), for the start-up banner and for tests.
        builder.Services.AddSingleton(options);
        if (options.Mode == HostingMode.Cluster)
        {
            builder.Services.AddPlatformPostgres(options.PlatformConnectionString);
            builder.Services.AddSingleton<PostgresGroupCommit>();
            builder.Services.AddSingleton<IShareRequestReadModel, PostgresShareRequestReadModel>();
            builder.Services.AddSingleton<IAuditLog, PostgresAuditLog>();
            builder.Services.AddSingleton<IAccessCheckLog, PostgresAccessCheckLog>();
            builder.Services.AddSingleton<ICaseListStore, PostgresCaseListStore>();
            builder.Services.AddSingleton<IAssessmentStore, PostgresAssessmentStore>();
            builder.Services.AddSingleton<IViolationStore, PostgresViolationStore>();
            builder.Services.AddSingleton<ICatalogListStore, PostgresCatalogListStore>();
            builder.Services.AddSingleton<ICatalogHistoryStore, PostgresCatalogHistoryStore>();
            builder.Services.AddSingleton<IProvisionalWatcherStore, PostgresProvisionalWatcherStore>();
            builder.Services.AddSingleton<IDataRecordStore, PostgresDataRecordStore>();
            builder.Services.AddSingleton<IFederationOutboxStore, PostgresFederationOutbox>();
            builder.Services.AddHostedService<ShareRequestReadModelReconciler>();
        }


        if (options.ClockOffset != TimeSpan.Zero)
        {
            var shifted = new OffsetTimeProvider(options.ClockOffset);
            builder.Services.AddSingleton(new PlatformClock(shifted));
            builder.Services.AddKeyedSingleton<TimeProvider>(ReminderTimeProviderNames.Reminders, shifted);
        }

        builder.Services.AddPlatformDomain(builder.Configuration);
        builder.Services.AddDatabaseExceptionSerialization();
        builder.AddPlatformTelemetry();
        builder.UseOrleans(silo =>
        {
            if (options.ReminderRefreshPeriod is { } refresh)
            {
                silo.Configure<ReminderOptions>(o =>
                {
                    o.RefreshReminderListPeriod = refresh;
                    o.ReminderLoadingWindow = refresh * 2;
                });
            }

            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = options.ClusterId;
                o.ServiceId = options.ServiceId;
            });
            switch (options.Mode)
            {
                case HostingMode.Embedded:
                    silo.UseLocalhostClustering(siloPort, gatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);
                    silo.AddMemoryGrainStorage(StorageNames.Platform);
                    silo.AddMemoryGrainStorage(IncidentStreams.PubSubStore);
                    silo.UseInMemoryReminderService();
                    break;
                case HostingMode.Cluster:
                    silo.ConfigureEndpoints(IPAddress.Parse(options.AdvertisedAddress), siloPort, gatewayPort);
                    silo.UseAdoNetClustering(o =>
                    {
                        o.Invariant = Invariant;
                        o.ConnectionString = options.OrleansConnectionString;
                    });
                    if (options.StateStorage == StateStorageKind.AdoNet)
                    {
                        silo.AddAdoNetGrainStorage(StorageNames.Platform, o =>
                        {
                            o.Invariant = Invariant;
                            o.ConnectionString = options.OrleansConnectionString;
                        });
                    }
                    else
                    {
                        silo.Services.AddSingleton(sp => new PostgresStateReads(sp.GetRequiredService<NpgsqlDataSource>(), options.ServiceId));
                        // A group commit of its own: a state write never waits behind the audit chain's lock, which
                        // the other group commit takes for the audit records of every silo in turn.
                        silo.Services.AddKeyedSingleton(StorageNames.Platform, (sp, _) => ActivatorUtilities.CreateInstance<PostgresGroupCommit>(sp));
                        silo.Services.AddGrainStorage(StorageNames.Platform, (sp, name) => new PostgresGrainStorage(
                            sp.GetRequiredService<PostgresStateReads>(), sp.GetRequiredKeyedService<PostgresGroupCommit>(name),
                            sp.GetRequiredKeyedService<IGrainStorageSerializer>(name), sp.GetRequiredService<IActivatorProvider>(), options.ServiceId));
                    }

                    // Stream subscriptions are grain state too: kept in PostgreSQL, a subscriber's registration outlives a silo.
                    silo.AddAdoNetGrainStorage(IncidentStreams.PubSubStore, o =>
                    {
                        o.Invariant = Invariant;
                        o.ConnectionString = options.OrleansConnectionString;
                    });
                    silo.UseAdoNetReminderService(o =>
                    {
                        o.Invariant = Invariant;
                        o.ConnectionString = options.OrleansConnectionString;
                    });
                    // Failover within seconds, not Orleans' 30: probes time out sooner, and a call to a dead silo is
                    // answered (as a failure) within the response timeout. See README, "Failover".
                    silo.Configure<ClusterMembershipOptions>(o => o.ProbeTimeout = options.ProbeTimeout);
                    silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = options.ResponseTimeout);
                    break;
            }

            silo.AddIncidentStreams();
            silo.AddCaseStreams();
            silo.AddDashboard(o => o.HideTrace = true);
        });

        if (options.SeedDemo)
        {
            builder.Services.AddHostedService<DemoProvinceSeeder>();
        }

        if (builder.Configuration.GetSection(FederationOptions.Section).Get<FederationOptions>() is { Enabled: true })
        {
            builder.Services.AddHostedService<FederationWakeup>();
        }

        builder.Services.AddHostedService<StartupBanner>();
        return options;
    }

    /// <summary>Wires an Orleans client that finds the gateways of the configured cluster (an API process in cluster mode).</summary>
    public static PlatformHostingOptions AddPlatformClient(this IHostApplicationBuilder builder)
    {
        var options = PlatformHostingOptions.From(builder.Configuration);
        builder.Services.AddPlatformPostgres(options.PlatformConnectionString);
        // The API loads uploads itself, under the entry grain's ticket, into the stores' tables (issue 11).
        builder.Services.AddSingleton<IDataRecordStore, PostgresDataRecordStore>();
        builder.Services.AddPlatformReadCaches(builder.Configuration);
        builder.Services.AddDatabaseExceptionSerialization();
        builder.AddPlatformTelemetry();
        builder.UseOrleansClient(client =>
        {
            // An API started before its silos (or while the database is briefly away) waits for them instead of exiting.
            client.UseConnectionRetryFilter<RetryClusterConnection>();
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = options.ResponseTimeout);
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = options.ClusterId;
                o.ServiceId = options.ServiceId;
            });
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = Invariant;
                o.ConnectionString = options.OrleansConnectionString;
            });
            client.AddCaseStreams();
            client.AddDashboard();
        });
        return options;
    }

    /// <summary>
    /// Lets database exceptions cross from silo to client as themselves: Orleans serializes exceptions only from
    /// allowed namespaces, and an unserializable one reaches the API as a codec error, indistinguishable from a bug.
    /// As a DbException the API answers it as what it is: 503, retry later.
    /// </summary>
    private static void AddDatabaseExceptionSerialization(this IServiceCollection services) =>
        services.Configure<ExceptionSerializationOptions>(o => o.SupportedNamespacePrefixes.Add("Npgsql"));
}

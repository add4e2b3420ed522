using DataSharing.Common;
using DataSharing.Sharing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Storage;

namespace DataSharing.Silo.Persistence;

/// <summary>
/// Keeps the cluster-mode read model right after crashes by rebuilding rows from the grain state itself. A request
/// upserts its row right after writing its state; if the process dies (or PostgreSQL fails) between the two, this
/// service finds the state row in orleans_grain_state, decodes it with the storage provider's own serializer and upserts
/// the row (an older version never replaces a newer one). It scans everything at start-up, then every
/// <see cref="Period"/> what was written since the last scan, with an overlap for clock skew between silos.
/// </summary>
internal sealed class ShareRequestReadModelReconciler(
    NpgsqlDataSource database,
    IShareRequestReadModel readModel,
    IServiceProvider services,
    IOptions<ClusterOptions> cluster,
    ILogger<ShareRequestReadModelReconciler> logger) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Overlap = TimeSpan.FromMinutes(1);

    /// <summary>The state name ShareRequestGrain persists under (the provider's GrainTypeString, column grain_type).</summary>
    private const string StateName = "shareRequest";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var serializer = services.GetKeyedService<IGrainStorageSerializer>(StorageNames.Platform) ?? services.GetRequiredService<IGrainStorageSerializer>();
        DateTimeOffset? since = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var started = DateTimeOffset.UtcNow;
                var repaired = await Reconcile(serializer, since, stoppingToken);
                if (repaired > 0 || since is null)
                {
                    logger.LogInformation("Read model reconciled from grain state: {Repaired} share-request rows upserted ({Scope}).",
                        repaired, since is null ? "full scan" : "recent writes");
                }

                since = started - Overlap;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Reconciling the read model failed; retrying in {Period}.", Period);
            }

            await Task.Delay(Period, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    internal async Task<int> Reconcile(IGrainStorageSerializer serializer, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            SELECT s.grain_key_ext, s.payload
            FROM orleans_grain_state s
            LEFT JOIN share_request_rows r ON r.id = s.grain_key_ext
            WHERE s.grain_type = @stateName AND s.service_id = @serviceId
              AND s.payload IS NOT NULL
              AND (@since::timestamptz IS NULL OR s.modified_at >= @since)
              AND (r.id IS NULL OR s.modified_at > r.written_at)
            """);
        command.Parameters.AddWithValue("stateName", StateName);
        command.Parameters.AddWithValue("serviceId", cluster.Value.ServiceId);
        command.Parameters.Add(new NpgsqlParameter("since", NpgsqlTypes.NpgsqlDbType.TimestampTz) { Value = (object?)since ?? DBNull.Value });

        var states = new List<ShareRequestGrain.State>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var payload = reader.GetFieldValue<byte[]>(1);
                if (serializer.Deserialize<ShareRequestGrain.State>(new BinaryData(payload)) is { } decoded)
                {
                    states.Add(decoded);
                }
            }
        }

        var upserted = 0;
        foreach (var state in states.Where(s => s.Request is not null))
        {
            await readModel.Upsert(ShareRequestSummaries.Of(state.Request!, state.Version));
            upserted++;
        }

        return upserted;
    }
}

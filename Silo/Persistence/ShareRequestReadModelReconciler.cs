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
/// the row (an older version never replaces a newer one). Every <see cref="Period"/> it scans what was written since
/// its last scan, with an overlap for clock skew between silos and transactions still committing; how far it got is
/// kept in table read_model_watermarks, so a restarted silo resumes there instead of scanning every state (the scan
/// of a silo start is as long as the outage, not as the history).
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
        var first = true;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (first)
                {
                    since = await Watermark(stoppingToken);
                }

                var started = await DatabaseNow(stoppingToken);
                var repaired = await Reconcile(serializer, since, stoppingToken);
                if (repaired > 0 || first)
                {
                    logger.LogInformation("Read model reconciled from grain state: {Repaired} share-request rows upserted (states written since {Since}).",
                        repaired, since?.ToString("O") ?? "the beginning");
                }

                since = started - Overlap;
                await SaveWatermark(since.Value, stoppingToken);
                first = false;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Reconciling the read model failed; retrying in {Period}.", Period);
            }

            await Task.Delay(Period, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>The database's clock: the states' modified_at come from it, so the scan windows are measured on it too.</summary>
    private async Task<DateTimeOffset> DatabaseNow(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT now()");
        return new DateTimeOffset((DateTime)(await command.ExecuteScalarAsync(cancellationToken))!, TimeSpan.Zero);
    }

    private async Task<DateTimeOffset?> Watermark(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            "SELECT reconciled_until FROM read_model_watermarks WHERE service_id = @serviceId AND state_name = @stateName");
        command.Parameters.AddWithValue("serviceId", cluster.Value.ServiceId);
        command.Parameters.AddWithValue("stateName", StateName);
        return await command.ExecuteScalarAsync(cancellationToken) is DateTime until ? new DateTimeOffset(until, TimeSpan.Zero) : null;
    }

    /// <summary>Silos race to save it; the furthest wins, and each silo keeps scanning its own window anyway.</summary>
    private async Task SaveWatermark(DateTimeOffset until, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            INSERT INTO read_model_watermarks (service_id, state_name, reconciled_until) VALUES (@serviceId, @stateName, @until)
            ON CONFLICT (service_id, state_name) DO UPDATE SET reconciled_until = EXCLUDED.reconciled_until
            WHERE read_model_watermarks.reconciled_until < EXCLUDED.reconciled_until
            """);
        command.Parameters.AddWithValue("serviceId", cluster.Value.ServiceId);
        command.Parameters.AddWithValue("stateName", StateName);
        command.Parameters.AddWithValue("until", until.ToUniversalTime());
        await command.ExecuteNonQueryAsync(cancellationToken);
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

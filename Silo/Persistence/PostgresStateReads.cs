using Npgsql;

namespace DataSharing.Silo.Persistence;

/// <summary>
/// Reads of grain states, batched: the activations that start while a read is in flight are read together in the
/// next round trip (one pipelined batch of point queries), so a burst of new cases costs a few round trips, not one
/// each.
/// </summary>
public sealed class PostgresStateReads : IAsyncDisposable
{
    private const int MaxBatch = 256;

    private readonly NpgsqlDataSource _database;
    private readonly string _serviceId;
    private readonly BatchQueue<Read> _queue;

    public PostgresStateReads(NpgsqlDataSource database, string serviceId)
    {
        _database = database;
        _serviceId = serviceId;
        _queue = new BatchQueue<Read>(MaxBatch, ReadBatch, (read, e) => read.Done.TrySetException(e));
    }

    /// <returns>The stored row (its payload null once cleared), or null when the grain never wrote one.</returns>
    public Task<StoredState?> Get(GrainStateKey key)
    {
        var read = new Read(key);
        _queue.Enqueue(read);
        return read.Done.Task;
    }

    public ValueTask DisposeAsync() => _queue.DisposeAsync();

    private async Task ReadBatch(List<Read> batch, CancellationToken stopping)
    {
        try
        {
            await using var connection = await _database.OpenConnectionAsync(stopping);
            await using var queries = new NpgsqlBatch(connection);
            foreach (var read in batch)
            {
                queries.BatchCommands.Add(Statement(read.Key));
            }

            await using var reader = await queries.ExecuteReaderAsync(stopping);
            foreach (var read in batch)
            {
                StoredState? found = null;
                if (await reader.ReadAsync(stopping))
                {
                    found = new StoredState(reader.IsDBNull(0) ? null : reader.GetFieldValue<byte[]>(0), reader.GetInt32(1));
                }

                read.Done.TrySetResult(found);
                await reader.NextResultAsync(stopping);
            }
        }
        catch (Exception e)
        {
            foreach (var read in batch)
            {
                read.Done.TrySetException(e);
            }
        }
    }

    private NpgsqlBatchCommand Statement(GrainStateKey key) => key.Statement("""
        SELECT payload, version FROM orleans_grain_state
        WHERE service_id = $1 AND grain_type = $2 AND grain_id_n0 = $3 AND grain_id_n1 = $4 AND grain_key_ext = $5
        """, _serviceId);

    private sealed record Read(GrainStateKey Key)
    {
        public TaskCompletionSource<StoredState?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

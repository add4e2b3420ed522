using DataSharing.Audit;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace DataSharing.Silo.Persistence;

/// <summary>
/// Group commit for everything a silo records after an act: audit entries (chained, Art 38), access-check records,
/// read-model and list rows. Writes that arrive while a transaction is in flight wait and go together in the next one,
/// so a thousand concurrent acts cost a few transactions, not a thousand, and the chain's advisory lock is taken once
/// per batch, inside PostgreSQL (audit_append). A caller's task completes only after the transaction holding its write has committed: nothing is
/// acknowledged before it is recorded. If a batch fails, its writes are retried one by one, so a bad write fails
/// alone and a good one is not refused because it happened to share a batch.
/// </summary>
public sealed class PostgresGroupCommit : IAsyncDisposable
{
    /// <summary>Writes per transaction at most; a longer queue is drained by the following transactions.</summary>
    public const int MaxBatch = 1000;

    private readonly NpgsqlDataSource _database;
    private readonly ILogger<PostgresGroupCommit> _logger;
    private readonly BatchQueue<Work> _queue;

    public PostgresGroupCommit(NpgsqlDataSource database, ILogger<PostgresGroupCommit> logger)
    {
        _database = database;
        _logger = logger;
        _queue = new BatchQueue<Work>(MaxBatch, Commit, (work, e) => work.Done.TrySetException(e));
    }

    /// <summary>
    /// Records <paramref name="audit"/> in the chain and runs <paramref name="rows"/> (statements added to the batch,
    /// e.g. upserts) in the same transaction. Completes once committed; faults if the transaction failed.
    /// </summary>
    public Task Write(IReadOnlyList<AuditEntry> audit, Action<NpgsqlBatch>? rows = null) =>
        Enqueue(new Work(audit, rows, null, null, null));

    /// <summary>
    /// Records <paramref name="audit"/> and a row of a kind that a transaction writes with one statement for all the
    /// rows of that kind it holds (a multi-row insert or upsert), instead of one statement per row.
    /// </summary>
    public Task Write<T>(IReadOnlyList<AuditEntry> audit, RowKind<T> kind, T row)
        where T : notnull =>
        Enqueue(new Work(audit, null, kind, row, null));

    /// <summary>
    /// Runs one conditional statement (e.g. an update guarded by a version) in the next transaction; true when it
    /// changed a row. A statement that changes nothing does not fail the transaction, so the others' writes commit.
    /// </summary>
    public async Task<bool> WriteIf(Func<NpgsqlBatchCommand> statement)
    {
        var work = new Work([], null, null, null, statement);
        await Enqueue(work);
        return work.Changed;
    }

    public ValueTask DisposeAsync() => _queue.DisposeAsync();

    private Task Enqueue(Work work)
    {
        _queue.Enqueue(work);
        return work.Done.Task;
    }

    private async Task Commit(List<Work> batch, CancellationToken stopping)
    {
        try
        {
            await Transaction(batch, stopping);
            foreach (var work in batch)
            {
                work.Done.TrySetResult();
            }

            return;
        }
        catch (Exception e) when (batch.Count > 1 && !IsUnavailable(e))
        {
            _logger.LogWarning(e, "A group commit of {Count} writes failed; writing them one by one.", batch.Count);
        }
        catch (Exception e)
        {
            foreach (var work in batch)
            {
                work.Done.TrySetException(e);
            }

            return;
        }

        foreach (var work in batch)
        {
            try
            {
                await Transaction([work], stopping);
                work.Done.TrySetResult();
            }
            catch (Exception e)
            {
                work.Done.TrySetException(e);
            }
        }
    }

    /// <summary>The database is down or unreachable: one by one would fail the same way, only slower.</summary>
    private static bool IsUnavailable(Exception e) =>
        e is NpgsqlException { IsTransient: true } or TimeoutException or System.Net.Sockets.SocketException;

    private async Task Transaction(IReadOnlyList<Work> batch, CancellationToken stopping)
    {
        // One batch, one round trip: PostgreSQL runs a batch sent without an explicit transaction as one implicit
        // transaction, committed at its end or rolled back whole at its first error. The chain's append goes last, so
        // its lock is taken after the other rows are written and held only until that commit.
        await using var connection = await _database.OpenConnectionAsync(stopping);
        await using var rows = new NpgsqlBatch(connection);
        var conditional = new List<(Work Work, NpgsqlBatchCommand Statement)>();
        foreach (var work in batch)
        {
            work.Rows?.Invoke(rows);
            if (work.Conditional is { } statement)
            {
                conditional.Add((work, statement()));
                rows.BatchCommands.Add(conditional[^1].Statement);
            }
        }

        foreach (var kind in batch.Where(w => w.Kind is not null).GroupBy(w => w.Kind!))
        {
            rows.BatchCommands.Add(kind.Key.Statement(kind.Select(w => w.Row!).ToList()));
        }

        var entries = batch.SelectMany(w => w.Audit).ToList();
        if (entries.Count > 0)
        {
            rows.BatchCommands.Add(PostgresAuditChain.Append(entries));
        }

        if (rows.BatchCommands.Count > 0)
        {
            await rows.ExecuteNonQueryAsync(stopping);
        }

        foreach (var (work, statement) in conditional)
        {
            work.Changed = statement.RecordsAffected > 0;
        }
    }

    private sealed record Work(
        IReadOnlyList<AuditEntry> Audit, Action<NpgsqlBatch>? Rows, IRowKind? Kind, object? Row, Func<NpgsqlBatchCommand>? Conditional)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Whether <see cref="Conditional"/> changed a row (set before <see cref="Done"/> completes).</summary>
        public bool Changed { get; set; }
    }
}

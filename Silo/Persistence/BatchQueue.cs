using System.Threading.Channels;

namespace DataSharing.Silo.Persistence;

/// <summary>
/// The loop behind every group commit and batched read of a silo: work that arrives while a batch is in flight waits
/// and goes in the next one, so a burst of concurrent callers costs a few round trips to PostgreSQL, not one each.
/// The processor completes each work item itself; what is left when the queue stops is failed with
/// <see cref="ObjectDisposedException"/>.
/// </summary>
public sealed class BatchQueue<TWork> : IAsyncDisposable
{
    private readonly Channel<TWork> _queue = Channel.CreateUnbounded<TWork>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly Func<List<TWork>, CancellationToken, Task> _process;
    private readonly Action<TWork, Exception> _fail;
    private readonly int _maxBatch;
    private readonly Task _loop;

    /// <param name="process">Runs one batch; it must complete every item of it and never throw.</param>
    /// <param name="fail">Fails an item that no batch will take.</param>
    public BatchQueue(int maxBatch, Func<List<TWork>, CancellationToken, Task> process, Action<TWork, Exception> fail)
    {
        _maxBatch = maxBatch;
        _process = process;
        _fail = fail;
        _loop = Task.Run(Loop);
    }

    public void Enqueue(TWork work)
    {
        if (!_queue.Writer.TryWrite(work))
        {
            throw new ObjectDisposedException(GetType().Name);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stopping.CancelAsync();
        await _loop.ContinueWith(_ => { }, TaskScheduler.Default);
        _stopping.Dispose();
    }

    private async Task Loop()
    {
        var batch = new List<TWork>(_maxBatch);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(_stopping.Token))
            {
                while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var work))
                {
                    batch.Add(work);
                }

                await _process(batch, _stopping.Token);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }

        var stopped = new ObjectDisposedException(GetType().Name);
        foreach (var work in batch)
        {
            _fail(work, stopped);
        }

        while (_queue.Reader.TryRead(out var left))
        {
            _fail(left, stopped);
        }
    }
}

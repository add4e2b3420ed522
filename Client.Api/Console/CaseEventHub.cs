using DataSharing.Cases;
using Orleans.Streams;

namespace DataSharing.Api.Console;

/// <summary>
/// This process's one subscription to the case stream, fanned out to the open console pages (each circuit's pages
/// add a handler and drop it when they close). A subscription that cannot be made yet (a cluster client not yet
/// connected) is tried again every few seconds; pages read the stores in any case, so until then they only miss nudges.
/// </summary>
public sealed class CaseEventHub(IClusterClient cluster, LiveStats stats, ILogger<CaseEventHub> logger) : BackgroundService
{
    private static readonly TimeSpan RetryPeriod = TimeSpan.FromSeconds(5);

    /// <summary>Raised on the stream's thread: a handler only schedules its page's work and returns.</summary>
    public event Action<CaseEvent>? Changed;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            StreamSubscriptionHandle<CaseEvent>? handle = null;
            try
            {
                var stream = cluster.GetStreamProvider(CaseStreams.Provider)
                    .GetStream<CaseEvent>(StreamId.Create(CaseStreams.Namespace, CaseStreams.Key));
                handle = await stream.SubscribeAsync((e, _) =>
                {
                    Deliver(e);
                    return Task.CompletedTask;
                });
                await Task.Delay(Timeout.Infinite, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                await Unsubscribe(handle);
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "The console could not subscribe to the case stream; it tries again in {Period}.", RetryPeriod);
                await Task.Delay(RetryPeriod, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>Hands one event to every open page (also the entry point of the live-path benchmark).</summary>
    public void Deliver(CaseEvent e)
    {
        stats.Received(e);
        Changed?.Invoke(e);
    }

    private async Task Unsubscribe(StreamSubscriptionHandle<CaseEvent>? handle)
    {
        try
        {
            if (handle is not null)
            {
                await handle.UnsubscribeAsync().WaitAsync(TimeSpan.FromSeconds(5));
            }
        }
        catch (Exception e)
        {
            // Shutting down: a subscription left behind is dropped by the stream once delivery to it fails.
            logger.LogDebug(e, "Unsubscribing from the case stream failed at shutdown.");
        }
    }
}

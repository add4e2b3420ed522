using Microsoft.Extensions.Logging;

namespace DataSharing.Silo.Hosting;

/// <summary>
/// Keeps an API process trying to reach its cluster at start-up: the gateways may not be up yet, or the membership
/// table may be unreachable for a moment (a database restart, too many clients). Exiting would leave nothing serving;
/// /health answers 503 meanwhile, so a load balancer keeps traffic away until the cluster is reached.
/// </summary>
internal sealed class RetryClusterConnection(ILogger<RetryClusterConnection> logger) : IClientConnectionRetryFilter
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(2);

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        logger.LogWarning("The cluster cannot be reached yet ({Reason}); trying again in {Delay}.", exception.Message, Delay);
        try
        {
            await Task.Delay(Delay, cancellationToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}

namespace DataSharing.Federation;

/// <summary>
/// How a case sends a message without losing it to a crash (as <see cref="Audit.AuditOutbox"/> keeps audit entries):
/// the message is added to the case's state and written with the act that causes it, then handed to the link's
/// outbox; what the link did not take stays in the state and is handed over again on the next write, tick or
/// activation (the link takes a message id once, so "again" never sends it twice).
/// </summary>
public static class FederationOutbox
{
    /// <summary>Hands every pending message to its link; throws if one was not taken (the case retries).</summary>
    public static async Task Flush(List<FederationMessage> pending, IGrainFactory grains)
    {
        while (pending.Count > 0)
        {
            await grains.GetGrain<IFederationLinkGrain>(pending[0].To).Enqueue(pending[0]);
            pending.RemoveAt(0);
        }
    }
}

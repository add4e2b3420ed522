using Orleans.Core;

namespace DataSharing.Federation;

/// <summary>
/// How a case sends a message without losing it to a crash (as <see cref="Audit.AuditOutbox"/> keeps audit entries):
/// the message is added to the case's state and written with the act that causes it, then handed to the link's
/// outbox; what the link did not take stays in the state and is handed over again on the next write, tick or
/// activation (the link takes a message id once, so "again" never sends it twice).
/// </summary>
public static class FederationOutbox
{
    /// <summary>
    /// Hands the pending messages over (<see cref="Flush"/>), then stores the state without them at once: an activation
    /// reading the old state would hand them over again after their delivery (harmless to the peer, which applies an
    /// act once, but a message sent twice).
    /// </summary>
    public static async Task Send(List<FederationMessage> pending, IStorage state, IGrainFactory grains, FederationRouting routing)
    {
        if (pending.Count > 0)
        {
            await Flush(pending, grains, routing);
            await state.WriteStateAsync();
        }
    }

    /// <summary>
    /// Hands every pending message to the link of its next hop (<see cref="FederationRouting.NextHop"/>: a message for
    /// a platform that is no peer goes wrapped through the province); throws if one was not taken (the case retries).
    /// </summary>
    public static async Task Flush(List<FederationMessage> pending, IGrainFactory grains, FederationRouting routing)
    {
        while (pending.Count > 0)
        {
            var message = pending[0];
            var hop = routing.NextHop(message.To) ?? throw new InvalidOperationException($"No link leads to platform {message.To}.");
            await grains.GetGrain<IFederationLinkGrain>(hop).Enqueue(FederationEffects.Routed(message, routing.LocalPlatform!, hop));
            pending.RemoveAt(0);
        }
    }
}

using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

namespace DataSharing.Federation;

/// <summary>
/// What a platform checks before it looks at a message or an acknowledgement from another: that it comes from a
/// configured peer, that the peer's key verifies it (nothing changed on the way), that it is addressed to this
/// platform, and that it was signed within <see cref="FederationOptions.MaxMessageAge"/> of now. What passes may
/// still be a replay inside the window: the inbox's sequence makes that a duplicate, acknowledged and not applied.
/// </summary>
public sealed class FederationGate(IOptions<FederationOptions> options, IMessageSignature signature, TimeProvider time)
{
    public async Task<InboundMessage> Message(string token)
    {
        var (peer, payload) = await Verified(token);
        var message = FederationEnvelope.Message(payload, token);
        Check(peer, message.Message.From, message.Message.To, message.SentAt);
        return message;
    }

    /// <summary>An acknowledgement from <paramref name="expectedPeer"/> for a message this platform sent.</summary>
    public async Task<FederationAck> Ack(string token, string expectedPeer)
    {
        var (peer, payload) = await Verified(token);
        if (peer.Code != expectedPeer)
        {
            throw new FederationRejectedException(FederationRejection.UnknownPeer, $"The acknowledgement is signed by {peer.Code}, not {expectedPeer}.");
        }

        var ack = FederationEnvelope.Ack(payload);
        Check(peer, ack.From, ack.To, ack.SentAt);
        return ack;
    }

    /// <summary>A peer's read of data this platform serves or carries on (<see cref="FederationReads"/>).</summary>
    public async Task<RemoteRead> ReadAsked(string token)
    {
        var (peer, payload) = await Verified(token);
        var ask = FederationEnvelope.Ask(payload);
        Check(peer, ask.From, ask.To, ask.SentAt);
        return ask;
    }

    /// <summary>The answer of <paramref name="expectedPeer"/> to a read this platform sent it.</summary>
    public async Task<RemoteReadServed> ReadServed(string token, string expectedPeer)
    {
        var (peer, payload) = await Verified(token);
        if (peer.Code != expectedPeer)
        {
            throw new FederationRejectedException(FederationRejection.UnknownPeer, $"The answer is signed by {peer.Code}, not {expectedPeer}.");
        }

        var served = FederationEnvelope.Served(payload);
        Check(peer, served.From, served.To, served.SentAt);
        return served;
    }

    private async Task<(FederationPeer Peer, string Payload)> Verified(string token)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            throw new FederationRejectedException(FederationRejection.NotFederated, "This platform has no federation configured.");
        }

        string? issuer;
        try
        {
            issuer = new JsonWebToken(token).Issuer;
        }
        catch (ArgumentException e)
        {
            throw new FederationRejectedException(FederationRejection.Malformed, $"Not a compact JWS: {e.Message}");
        }

        var peer = settings.Peer(issuer ?? "") ?? throw new FederationRejectedException(FederationRejection.UnknownPeer, $"'{issuer}' is not a peer of this platform.");
        var payload = await signature.Verify(token, peer.PublicKeys)
            ?? throw new FederationRejectedException(FederationRejection.BadSignature, $"No key of {peer.Code} verifies the signature: the message was altered or not signed by {peer.Code}.", peer.Code);
        return (peer, payload);
    }

    private void Check(FederationPeer peer, string from, string to, DateTimeOffset sentAt)
    {
        var settings = options.Value;
        if (from != peer.Code)
        {
            throw new FederationRejectedException(FederationRejection.UnknownPeer, $"The body names {from} as sender, the signature {peer.Code}.", peer.Code);
        }

        if (to != settings.PlatformCode)
        {
            throw new FederationRejectedException(FederationRejection.WrongAddressee, $"Addressed to {to}; this platform is {settings.PlatformCode}.", peer.Code);
        }

        var age = time.GetUtcNow() - sentAt;
        if (age > settings.MaxMessageAge)
        {
            throw new FederationRejectedException(FederationRejection.TooOld, $"Signed {age.TotalSeconds:0} s ago; at most {settings.MaxMessageAge.TotalSeconds:0} s are accepted.", peer.Code);
        }

        if (-age > settings.MaxMessageAge)
        {
            throw new FederationRejectedException(FederationRejection.FromTheFuture, $"Signed {-age.TotalSeconds:0} s in the future: the clocks disagree.", peer.Code);
        }
    }
}

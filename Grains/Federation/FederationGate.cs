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
    public Task<InboundMessage> Message(string token) =>
        FromPeer(token, null, payload => FederationEnvelope.Message(payload, token), m => (m.Message.From, m.Message.To, m.SentAt));

    /// <summary>An acknowledgement from <paramref name="expectedPeer"/> for a message this platform sent.</summary>
    public Task<FederationAck> Ack(string token, string expectedPeer) =>
        FromPeer(token, expectedPeer, FederationEnvelope.Ack, a => (a.From, a.To, a.SentAt));

    /// <summary>A peer's read of data this platform serves or carries on (<see cref="FederationReads"/>).</summary>
    public Task<RemoteRead> ReadAsked(string token) =>
        FromPeer(token, null, FederationEnvelope.Ask, a => (a.From, a.To, a.SentAt));

    /// <summary>The answer of <paramref name="expectedPeer"/> to a read this platform sent it.</summary>
    public Task<RemoteReadServed> ReadServed(string token, string expectedPeer) =>
        FromPeer(token, expectedPeer, FederationEnvelope.Served, s => (s.From, s.To, s.SentAt));

    /// <summary>
    /// The body of <paramref name="token"/> once verified: signed by a peer (by <paramref name="expectedPeer"/> when
    /// this platform awaits its answer), naming that peer as sender and this platform as receiver, within the window.
    /// </summary>
    private async Task<T> FromPeer<T>(string token, string? expectedPeer, Func<string, T> read, Func<T, (string From, string To, DateTimeOffset SentAt)> header)
    {
        var (peer, payload) = await Verified(token);
        if (expectedPeer is not null && peer.Code != expectedPeer)
        {
            throw new FederationRejectedException(FederationRejection.UnknownPeer, $"The answer is signed by {peer.Code}, not {expectedPeer}.");
        }

        var body = read(payload);
        var (from, to, sentAt) = header(body);
        Check(peer, from, to, sentAt);
        return body;
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

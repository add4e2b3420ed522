namespace DataSharing.Federation;

/// <summary>A platform this one exchanges messages with.</summary>
public sealed class FederationPeer
{
    /// <summary>The peer's platform code, e.g. 340000.</summary>
    public string Code { get; set; } = "";

    /// <summary>Where the peer's API listens, e.g. https://sjzx.ah.gov.cn; messages go to {BaseUrl}/api/federation/messages.</summary>
    public string BaseUrl { get; set; } = "";

    /// <summary>
    /// The public keys (base64 SubjectPublicKeyInfo) that verify the peer's messages. More than one while the peer
    /// rotates its key: the new one is added here first, the old one removed once the peer signs with the new one.
    /// </summary>
    public List<string> PublicKeys { get; set; } = [];
}

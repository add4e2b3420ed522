namespace DataSharing.Federation;

/// <summary>
/// Configuration section "Federation" (Federation__PlatformCode, Federation__PrivateKey, Federation__Peers__0__Code,
/// ...). Without a platform code the platform is not federated: every entry is local.
/// </summary>
public sealed class FederationOptions
{
    public const string Section = "Federation";

    /// <summary>This platform's administrative division code: 340000 for the province, 340100 for Hefei, ...</summary>
    public string? PlatformCode { get; set; }

    /// <summary>This platform's private signing key, base64 PKCS#8 (deploy/federation.sh keys makes one); never in the repo.</summary>
    public string? PrivateKey { get; set; }

    public List<FederationPeer> Peers { get; set; } = [];

    /// <summary>
    /// A message signed longer ago than this (or this far in the future, for clocks that disagree) is refused as a
    /// possible replay. Each delivery attempt signs afresh, so a message that waited out a cut link is not "old".
    /// </summary>
    public TimeSpan MaxMessageAge { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The first retry after a failed delivery; each further failure doubles it up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan MinRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one delivery attempt may take before it counts as failed.</summary>
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Undelivered messages a link holds at most: beyond it, new acts keep their messages pending in their own
    /// state and retry (backpressure), so a long outage never grows one grain's state without bound.
    /// </summary>
    public int MaxOutbox { get; set; } = 5000;

    public bool Enabled => !string.IsNullOrWhiteSpace(PlatformCode);

    public FederationPeer? Peer(string code) => Peers.FirstOrDefault(p => p.Code == code);
}

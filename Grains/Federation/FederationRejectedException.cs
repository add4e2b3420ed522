namespace DataSharing.Federation;

/// <summary>A message refused by <see cref="FederationGate"/>; <see cref="Reason"/> is one of <see cref="FederationRejection"/>.</summary>
public sealed class FederationRejectedException(string reason, string detail, string? peer = null) : Exception(detail)
{
    public string Reason { get; } = reason;

    /// <summary>The known peer the message claims to come from, when it names one.</summary>
    public string? Peer { get; } = peer;
}

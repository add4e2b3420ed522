namespace DataSharing.Federation;

/// <summary>
/// A platform that serves what was asked could not be reached, or did not answer in a way this platform can trust
/// (503: the caller retries later; nothing was changed by the attempt).
/// </summary>
public sealed class PeerUnreachableException(string platform, string detail, Exception? inner = null) : Exception(detail, inner)
{
    public string Platform { get; } = platform;
}

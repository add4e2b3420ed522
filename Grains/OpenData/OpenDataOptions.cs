namespace DataSharing.OpenData;

/// <summary>Configuration section "OpenData" (e.g. environment OpenData__HashKey).</summary>
public sealed class OpenDataOptions
{
    public const string Section = "OpenData";

    /// <summary>
    /// The HMAC key of <see cref="DesensitizationMethod.KeyedHash"/>, at least <see cref="KeyedHash.MinKeyLength"/>
    /// characters. There is no default: identity numbers are few enough to hash them all, so a key anyone can read (one
    /// in the source) would make every keyed hash reversible. Without it, keyed-hash rules are refused.
    /// </summary>
    public string? HashKey { get; set; }

    /// <summary>
    /// Open downloads one client (a token's subject, or else the remote address) may make per minute
    /// (OpenData__DownloadsPerMinute): open data is for everyone, so no one caller may take the platform for itself.
    /// </summary>
    public int DownloadsPerMinute { get; set; } = 60;
}

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
}

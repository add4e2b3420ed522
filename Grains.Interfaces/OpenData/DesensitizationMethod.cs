namespace DataSharing.OpenData;

/// <summary>What happens to a data item's values before they leave the platform as open data (Art 36, 39).</summary>
public enum DesensitizationMethod
{
    /// <summary>Shown as they are: public data (a credit code) or the rights holder consents (Art 36).</summary>
    Keep,

    /// <summary>A prefix and suffix kept, every character between replaced by '*'.</summary>
    Mask,

    /// <summary>HMAC-SHA256 under the platform's key, lowercase hex: equal values stay equal, so joins still work.</summary>
    KeyedHash,

    /// <summary>Made coarser: a date to its year, an identity number to its birth year, an address to its district, a division code to its city.</summary>
    Generalize,

    /// <summary>The item is removed from the output.</summary>
    Drop,
}

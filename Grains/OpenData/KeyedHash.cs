using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace DataSharing.OpenData;

/// <summary>
/// HMAC-SHA256 of a value's UTF-8 bytes under the platform's key, as lowercase hex. The same value and key always
/// give the same output, so datasets desensitized with one key can still be joined; without the key a value cannot be
/// recovered by hashing candidates (which a plain hash of an identity number allows).
/// </summary>
public sealed class KeyedHash
{
    public const int MinKeyLength = 32;

    /// <summary>64 bits: below that, collisions appear among a few billion values and joins go wrong.</summary>
    public const int MinLength = 16;

    public const int MaxLength = 64;

    private readonly byte[] _key;

    public KeyedHash(string key)
    {
        if (key.Length < MinKeyLength)
        {
            throw new ArgumentException($"The key has {key.Length} characters; a keyed hash needs at least {MinKeyLength}.", nameof(key));
        }

        _key = Encoding.UTF8.GetBytes(key);
    }

    /// <summary>The hash as <paramref name="length"/> lowercase hex characters (<see cref="MinLength"/> to <see cref="MaxLength"/>).</summary>
    public string Apply(string value, int length = MaxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, MinLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, MaxLength);

        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        byte[]? rented = null;
        Span<byte> bytes = max <= 512 ? stackalloc byte[512] : (rented = ArrayPool<byte>.Shared.Rent(max));
        try
        {
            var count = Encoding.UTF8.GetBytes(value, bytes);
            Span<byte> hash = stackalloc byte[HMACSHA256.HashSizeInBytes];
            HMACSHA256.HashData(_key, bytes[..count], hash);
            var hex = Convert.ToHexStringLower(hash[..((length + 1) / 2)]);
            return hex.Length == length ? hex : hex[..length];
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}

using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using DataSharing.Common;
using DataSharing.Data;
using Microsoft.Extensions.Options;

namespace DataSharing.OpenData;

/// <summary>
/// The cursors of open downloads. A record's key is one of its values (an identity number, say), and the store's own
/// cursor is that key in base64: handed to the public it would undo the desensitization. So the cursor given out is
/// the store's cursor sealed with AES-GCM (encrypted and authenticated: a made-up or altered cursor is a 400 naming
/// "after"), under a key derived from <see cref="OpenDataOptions.HashKey"/>, or, without one, a key of this process
/// (a cursor then works only where it was made: in a cluster, configure the hash key).
/// </summary>
public sealed class OpenCursor
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private static readonly byte[] Purpose = "open-download-cursor"u8.ToArray();

    private readonly byte[] _key;

    public OpenCursor(IOptions<OpenDataOptions> options)
    {
        _key = options.Value.HashKey is { Length: >= KeyedHash.MinKeyLength } secret
            ? HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret), 32, info: Purpose)
            : RandomNumberGenerator.GetBytes(32);
    }

    /// <summary>The sealed cursor of the store's page cursor; null stays null (the last page).</summary>
    public string? Seal(string? storeCursor, string entryCode)
    {
        if (storeCursor is null)
        {
            return null;
        }

        var plain = Encoding.UTF8.GetBytes(storeCursor);
        var sealedBytes = new byte[NonceSize + TagSize + plain.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), Encoding.UTF8.GetBytes(entryCode));
        return Base64Url.EncodeToString(sealedBytes);
    }

    /// <summary>The page asked for with the store's cursor inside; a cursor not sealed here for this entry is a 400 naming "after".</summary>
    public PageRequest Open(PageRequest page, string entryCode)
    {
        if (page.After is null)
        {
            return page;
        }

        try
        {
            var sealedBytes = Base64Url.DecodeFromChars(page.After);
            if (sealedBytes.Length >= NonceSize + TagSize)
            {
                var plain = new byte[sealedBytes.Length - NonceSize - TagSize];
                using var aes = new AesGcm(_key, TagSize);
                aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), plain,
                    Encoding.UTF8.GetBytes(entryCode));
                var inner = page with { After = Encoding.UTF8.GetString(plain) };
                DataCursors.KeyAfter(inner);
                return inner;
            }
        }
        catch (Exception e) when (e is FormatException or CryptographicException)
        {
            // Not one of ours: refused below like any cursor this list did not give out.
        }

        throw new ValidationFailedException("after", "The cursor was not given out by this download (or by another process without a shared OpenData:HashKey).");
    }
}

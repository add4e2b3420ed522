using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DataSharing.Federation;

/// <summary>JWS with ECDSA P-256 and SHA-256 (ES256, RFC 7518 §3.4).</summary>
public sealed class Es256MessageSignature : IMessageSignature
{
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly SigningCredentials _credentials;

    public Es256MessageSignature(string privateKey)
    {
        var key = ECDsa.Create();
        key.ImportPkcs8PrivateKey(Convert.FromBase64String(privateKey), out _);
        _credentials = new SigningCredentials(new ECDsaSecurityKey(key) { KeyId = KeyIdOf(key.ExportSubjectPublicKeyInfo()) }, SecurityAlgorithms.EcdsaSha256);
    }

    public string Sign(string payload) => Handler.CreateToken(payload, _credentials);

    public async Task<string?> Verify(string token, IReadOnlyList<string> publicKeys)
    {
        var result = await Handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            IssuerSigningKeys = publicKeys.Select(PublicKey).ToList(),
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
            // Sender, addressee and age are the platform's own checks (FederationGate), with their own answers.
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = false,
            RequireExpirationTime = false,
            TryAllIssuerSigningKeys = true,
        });
        return result.IsValid && result.SecurityToken is JsonWebToken jws ? Base64UrlEncoder.Decode(jws.EncodedPayload) : null;
    }

    /// <summary>A new key pair: (private PKCS#8, public SubjectPublicKeyInfo), both base64.</summary>
    public static (string PrivateKey, string PublicKey) NewKeyPair()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return (Convert.ToBase64String(key.ExportPkcs8PrivateKey()), Convert.ToBase64String(key.ExportSubjectPublicKeyInfo()));
    }

    /// <summary>The key's id in the JWS header ("kid"): the start of the public key's SHA-256, so rotation is visible in the log.</summary>
    public static string KeyIdOf(byte[] subjectPublicKeyInfo) => Convert.ToHexStringLower(SHA256.HashData(subjectPublicKeyInfo))[..16];

    private static ECDsaSecurityKey PublicKey(string spki)
    {
        var key = ECDsa.Create();
        var bytes = Convert.FromBase64String(spki);
        key.ImportSubjectPublicKeyInfo(bytes, out _);
        return new ECDsaSecurityKey(key) { KeyId = KeyIdOf(bytes) };
    }
}

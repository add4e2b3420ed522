namespace DataSharing.Federation;

/// <summary>
/// How messages between platforms are signed and checked. ES256 by default (<see cref="Es256MessageSignature"/>);
/// a deployment held to the national algorithms registers an SM2/SM3 implementation instead, nothing else changes.
/// </summary>
public interface IMessageSignature
{
    /// <summary>The compact JWS of <paramref name="payload"/> (UTF-8 JSON), signed with this platform's private key.</summary>
    string Sign(string payload);

    /// <summary>The payload of <paramref name="token"/> if one of <paramref name="publicKeys"/> verifies its signature; otherwise null.</summary>
    Task<string?> Verify(string token, IReadOnlyList<string> publicKeys);
}

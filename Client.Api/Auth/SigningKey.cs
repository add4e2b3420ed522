using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace DataSharing.Api.Auth;

/// <summary>The key tokens are signed and checked with: from configuration, or made up at start-up in embedded mode.</summary>
public sealed class SigningKey
{
    public SigningKey(PlatformAuthOptions options, bool embedded)
    {
        if (!string.IsNullOrEmpty(options.SigningKey))
        {
            if (options.SigningKey.Length < 32)
            {
                throw new InvalidOperationException("Auth:SigningKey must be at least 32 characters.");
            }

            Key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(options.SigningKey));
            Ephemeral = false;
        }
        else if (embedded)
        {
            // A fresh random key per process: tokens die with the process, which is what a demo wants.
            Key = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32));
            Ephemeral = true;
        }
        else
        {
            throw new InvalidOperationException("Auth:SigningKey (environment variable Auth__SigningKey) is required outside embedded mode.");
        }
    }

    public SymmetricSecurityKey Key { get; }

    public bool Ephemeral { get; }
}

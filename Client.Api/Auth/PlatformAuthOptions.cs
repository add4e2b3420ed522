namespace DataSharing.Api.Auth;

/// <summary>Configuration section "Auth" (environment variables Auth__SigningKey, Auth__DevTokens, ...).</summary>
public sealed class PlatformAuthOptions
{
    public const string Section = "Auth";

    /// <summary>HMAC key for the platform's JWTs, at least 32 characters. Required outside embedded mode; never in the repo.</summary>
    public string? SigningKey { get; set; }

    public string Issuer { get; set; } = "datasharing-platform";

    public string Audience { get; set; } = "datasharing-api";

    /// <summary>Serve POST /api/dev/tokens. Defaults to on in embedded mode only.</summary>
    public bool? DevTokens { get; set; }

    public TimeSpan DevTokenLifetime { get; set; } = TimeSpan.FromHours(8);
}

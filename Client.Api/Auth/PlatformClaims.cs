namespace DataSharing.Api.Auth;

/// <summary>The claims a platform token carries; role values are those of <see cref="DataSharing.Common.Role"/>.</summary>
public static class PlatformClaims
{
    public const string Subject = "sub";
    public const string Role = "role";
    public const string Department = "department";
}

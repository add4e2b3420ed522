using System.Security.Claims;
using DataSharing.Common;

namespace DataSharing.Api.Auth;

public static class CallerExtensions
{
    public static Actor ToActor(this ClaimsPrincipal user) => new(
        user.FindFirstValue(PlatformClaims.Subject) ?? "anonymous",
        user.FindFirstValue(PlatformClaims.Role) ?? "",
        user.FindFirstValue(PlatformClaims.Department));

    /// <summary>The department an operator or head acts for (the policy guarantees it is there).</summary>
    public static string Department(this ClaimsPrincipal user) =>
        user.FindFirstValue(PlatformClaims.Department) ?? throw new NotEntitledException("The token names no department.");

    public static bool HasOversight(this ClaimsPrincipal user) =>
        user.IsInRole(Role.PlatformAdmin) || user.IsInRole(Role.DataAuthority);

    /// <summary>Staff of one of <paramref name="departments"/>, or oversight: who may see a department's case.</summary>
    public static bool MaySee(this ClaimsPrincipal user, params string[] departments) =>
        user.HasOversight() || departments.Any(d => user.ToActor().ActsFor(d));

    public static void EnsureMaySee(this ClaimsPrincipal user, string what, params string[] departments)
    {
        if (!user.MaySee(departments))
        {
            throw new NotEntitledException($"{what} belongs to other departments.");
        }
    }

    /// <summary>
    /// The department whose audit records the caller reads: a department reads the records of its own acts and cases,
    /// oversight everything (or the one department asked for).
    /// </summary>
    public static string? AuditScope(this ClaimsPrincipal user, string? department)
    {
        var scope = user.HasOversight() ? department : user.Department();
        return department is null || department == scope
            ? scope
            : throw new NotEntitledException($"The audit records of {department} are for that department and oversight.");
    }
}

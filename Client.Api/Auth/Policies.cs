using DataSharing.Common;
using Microsoft.AspNetCore.Authorization;

namespace DataSharing.Api.Auth;

/// <summary>The authorization policies endpoints declare. Anything not declared needs an authenticated caller.</summary>
public static class Policies
{
    /// <summary>An operator or head acting for the department in its token.</summary>
    public const string DepartmentStaff = nameof(DepartmentStaff);

    public const string PlatformAdmin = nameof(PlatformAdmin);

    /// <summary>Those who see across departments: the platform admin and the data authority.</summary>
    public const string Oversight = nameof(Oversight);

    public const string DataAuthority = nameof(DataAuthority);

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(DepartmentStaff, p => p.RequireRole(Role.DepartmentOperator, Role.DepartmentHead).RequireClaim(PlatformClaims.Department));
        options.AddPolicy(PlatformAdmin, p => p.RequireRole(Role.PlatformAdmin));
        options.AddPolicy(Oversight, p => p.RequireRole(Role.PlatformAdmin, Role.DataAuthority));
        options.AddPolicy(DataAuthority, p => p.RequireRole(Role.DataAuthority));
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
    }
}

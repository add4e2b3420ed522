using DataSharing.Api.Contracts;
using DataSharing.Common;
using DataSharing.Departments;
using Microsoft.Extensions.Options;

namespace DataSharing.Api.Auth;

/// <summary>
/// Tokens for a role and department without an identity provider (embedded mode, unless configured): what
/// POST /api/dev/tokens hands out and what the console's demo sign-in puts in its session cookie.
/// </summary>
public sealed class DevTokenIssuer(TokenIssuer issuer, IOptions<PlatformAuthOptions> options, IGrainFactory grains, TimeProvider time)
{
    public bool Enabled => options.Value.DevTokens == true;

    public async Task<DevTokenResponse> Issue(string? requestedRole, string? requestedDepartment, string? requestedSubject)
    {
        var role = Role.All.FirstOrDefault(r => r == requestedRole)
            ?? throw new ValidationFailedException("role", $"role is one of {string.Join(", ", Role.All)}.");
        string? department = null;
        // A data authority may name its own department (a city's, e.g. 340100-SJ); without one it is this platform's.
        if (Role.IsDepartmentRole(role) || (role == Role.DataAuthority && !string.IsNullOrWhiteSpace(requestedDepartment)))
        {
            Require.Id(requestedDepartment, "department");
            if (await grains.GetGrain<IDepartmentGrain>(requestedDepartment!).GetProfile() is null)
            {
                throw new ValidationFailedException("department", $"No department has the code '{requestedDepartment}'.");
            }

            department = requestedDepartment;
        }

        Require.OptionalLine(requestedSubject, "subject");
        var subject = string.IsNullOrWhiteSpace(requestedSubject) ? $"dev:{role}:{department ?? "platform"}" : requestedSubject;
        var lifetime = options.Value.DevTokenLifetime;
        return new DevTokenResponse(issuer.Issue(subject, role, department, lifetime), role, department, time.GetUtcNow() + lifetime);
    }
}

using DataSharing.Api.Auth;
using DataSharing.Api.Contracts;
using DataSharing.Common;
using DataSharing.Departments;
using Microsoft.Extensions.Options;

namespace DataSharing.Api.Endpoints;

/// <summary>Tokens for trying the API without an identity provider: embedded mode only, unless configured.</summary>
public static class DevTokenEndpoints
{
    public static void MapDevTokens(this IEndpointRouteBuilder app)
    {
        if (app.ServiceProvider.GetRequiredService<IOptions<PlatformAuthOptions>>().Value.DevTokens != true)
        {
            return;
        }

        app.MapPost("/api/dev/tokens", async (DevTokenBody body, TokenIssuer issuer, IOptions<PlatformAuthOptions> options, IGrainFactory grains, TimeProvider time) =>
        {
            var role = Role.All.FirstOrDefault(r => r == body.Role)
                ?? throw new ValidationFailedException("role", $"role is one of {string.Join(", ", Role.All)}.");
            string? department = null;
            // A data authority may name its own department (a city's, e.g. 340100-SJ); without one it is this platform's.
            if (Role.IsDepartmentRole(role) || (role == Role.DataAuthority && !string.IsNullOrWhiteSpace(body.Department)))
            {
                Require.Id(body.Department, "department");
                if (await grains.GetGrain<IDepartmentGrain>(body.Department!).GetProfile() is null)
                {
                    throw new ValidationFailedException("department", $"No department has the code '{body.Department}'.");
                }

                department = body.Department;
            }

            Require.OptionalLine(body.Subject, "subject");
            var subject = string.IsNullOrWhiteSpace(body.Subject) ? $"dev:{role}:{department ?? "platform"}" : body.Subject;
            var lifetime = options.Value.DevTokenLifetime;
            return new DevTokenResponse(issuer.Issue(subject, role, department, lifetime), role, department, time.GetUtcNow() + lifetime);
        })
        .AllowAnonymous()
        .WithTags("Development")
        .WithSummary("Issues a token for a role and department (embedded mode only).");
    }
}

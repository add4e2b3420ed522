using DataSharing.Api.Auth;
using DataSharing.Api.Contracts;

namespace DataSharing.Api.Endpoints;

/// <summary>Tokens for trying the API without an identity provider: embedded mode only, unless configured.</summary>
public static class DevTokenEndpoints
{
    public static void MapDevTokens(this IEndpointRouteBuilder app)
    {
        if (!app.ServiceProvider.GetRequiredService<DevTokenIssuer>().Enabled)
        {
            return;
        }

        app.MapPost("/api/dev/tokens", (DevTokenBody body, DevTokenIssuer tokens) => tokens.Issue(body.Role, body.Department, body.Subject))
        .AllowAnonymous()
        .WithTags("Development")
        .WithSummary("Issues a token for a role and department (embedded mode only).");
    }
}

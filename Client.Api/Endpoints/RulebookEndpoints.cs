using DataSharing.Api.Auth;
using DataSharing.Common;
using Microsoft.Extensions.Options;

namespace DataSharing.Api.Endpoints;

public static class RulebookEndpoints
{
    public static void MapRulebook(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/rulebook", (IOptions<Rulebook> rulebook) => rulebook.Value)
            .RequireAuthorization(Policies.Oversight)
            .WithTags("Rulebook")
            .WithSummary("The deadlines this platform applies, in working days.");
}

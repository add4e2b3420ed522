using DataSharing.Api.Auth;
using DataSharing.Api.Contracts;
using DataSharing.Cases;
using DataSharing.Common;
using DataSharing.Emergency;

namespace DataSharing.Api.Endpoints;

public static class EmergencyOpeningEndpoints
{
    public static void MapEmergencyOpenings(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/emergency-openings").WithTags("Emergency openings");

        group.MapCaseList(CaseKinds.EmergencyOpening, "Emergency openings (Art 35) of your department's entries, or every department's for oversight");

        group.MapPost("/", async (EmergencyOpeningBody body, HttpContext http, IGrainFactory grains, TimeProvider time) =>
        {
            var caller = http.User.ToActor();
            if (caller.Role is not (Role.DataAuthority or Role.DepartmentHead))
            {
                throw new NotEntitledException("An emergency opening is the data authority's, or a department head's for its own entries (Art 35).");
            }

            var opening = new OpenEmergency(body.EntryCodes ?? [], body.Reason ?? "",
                body.ExpiresAt ?? throw new ValidationFailedException("expiresAt", "expiresAt is when the opening ends by itself (Art 35).", "Art 35"),
                body.UpdateFrequency ?? "");
            EmergencyRules.ValidateOpening(opening, now: null);
            var claim = await IdempotentCreation.Claim(http, grains, "emergency-opening", caller, opening,
                CaseIds.Factory("EO", time),
                async id => await grains.GetGrain<IEmergencyOpeningGrain>(id).Get() is not null);
            var opened = await grains.GetGrain<IEmergencyOpeningGrain>(claim.ResourceId).Open(opening, caller);
            return Results.Created($"/api/emergency-openings/{opened.Id}", opened);
        })
        .WithSummary("Opens catalog entries for an emergency until an expiry, with the reason and update frequency (Art 35).");

        group.MapGet("/{id}", async (string id, IGrainFactory grains) =>
            await grains.GetGrain<IEmergencyOpeningGrain>(id).Get() ?? throw new NotFoundException("Emergency opening", id))
            .WithSummary("One emergency opening (public, as the data it opens is).");

        group.MapPost("/{id}/end", async (string id, ReasonBody body, HttpContext http, IGrainFactory grains) =>
            await grains.GetGrain<IEmergencyOpeningGrain>(id).End(body.Reason ?? "", http.User.ToActor()))
            .WithSummary("Ends an emergency opening before its expiry (whoever may open its entries).");
    }
}

using DataSharing.Api.Auth;
using DataSharing.Api.Contracts;
using DataSharing.Cases;
using DataSharing.Catalog;
using DataSharing.Common;

namespace DataSharing.Api.Endpoints;

public static class PersonalizedCatalogEndpoints
{
    public static void MapPersonalizedCatalog(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/personalized-catalog-requests").WithTags("Personalized catalogs");

        group.MapCaseList(CaseKinds.PersonalizedCatalogRequest, "Requests for consent to city personalized catalog entries (Art 14)");

        group.MapPost("/", async (PersonalizedCatalogBody body, HttpContext http, IGrainFactory grains, TimeProvider time) =>
        {
            var caller = http.User.ToActor();
            var ask = new PersonalizedCatalogBody(body.EntryCode ?? "", body.Justification ?? "");
            PersonalizedCatalogRules.ValidateAsk(ask.EntryCode, ask.Justification);
            var claim = await IdempotentCreation.Claim(http, grains, "personalized-catalog", caller, ask,
                CaseIds.Factory("PC", time),
                async id => await grains.GetGrain<IPersonalizedCatalogRequestGrain>(id).Get() is not null);
            var request = await grains.GetGrain<IPersonalizedCatalogRequestGrain>(claim.ResourceId).Ask(ask.EntryCode!, ask.Justification!, caller);
            return Results.Created($"/api/personalized-catalog-requests/{request.Id}", request);
        })
        .RequireAuthorization(Policies.DataAuthority)
        .WithSummary("A city data authority asks the provincial one to consent to a personalized entry of a department of its city (Art 14).");

        group.MapGet("/{id}", async (string id, HttpContext http, IGrainFactory grains) =>
        {
            var request = await grains.GetGrain<IPersonalizedCatalogRequestGrain>(id).Get() ?? throw new NotFoundException("Personalized catalog request", id);
            http.User.EnsureMaySee($"Request {id}", request.ProviderDepartment);
            return request;
        })
        .WithSummary("One request, for the entry's department and the authorities.");

        group.MapPost("/{id}/approve", async (string id, DecisionNoteBody body, HttpContext http, IGrainFactory grains) =>
            await grains.GetGrain<IPersonalizedCatalogRequestGrain>(id).Approve(body.Note, http.User.ToActor()))
            .RequireAuthorization(Policies.DataAuthority)
            .WithSummary("The provincial data authority consents: the entry is marked personalized and may be published.");

        group.MapPost("/{id}/reject", async (string id, ReasonBody body, HttpContext http, IGrainFactory grains) =>
            await grains.GetGrain<IPersonalizedCatalogRequestGrain>(id).Reject(body.Reason ?? "", http.User.ToActor()))
            .RequireAuthorization(Policies.DataAuthority)
            .WithSummary("The provincial data authority refuses consent, with the reason.");
    }
}

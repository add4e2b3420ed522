using DataSharing.Api.Auth;
using DataSharing.Api.Contracts;
using DataSharing.CatalogChanges;
using DataSharing.Cases;
using DataSharing.Common;

namespace DataSharing.Api.Endpoints;

public static class CatalogChangeEndpoints
{
    public static void MapCatalogChanges(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/catalog-changes").WithTags("Catalog changes");

        group.MapCaseList(CaseKinds.CatalogChange, "Catalog changes (Art 15)");

        group.MapPost("/", async (CatalogChangeBody body, HttpContext http, IGrainFactory grains, TimeProvider time) =>
        {
            var caller = http.User.ToActor();
            var declaration = new DeclareCatalogChange(http.User.Department(),
                body.ChangedOn ?? throw new ValidationFailedException("changedOn", "changedOn is required (Art 15).", "Art 15"),
                body.Basis ?? "", body.AffectedEntries ?? []);
            CatalogChangeRules.ValidateDeclaration(declaration);
            var claim = await IdempotentCreation.Claim(http, grains, "catalog-change", caller, declaration,
                CaseIds.Factory("CC", time),
                async id => await grains.GetGrain<ICatalogChangeGrain>(id).Get() is not null);
            var change = await grains.GetGrain<ICatalogChangeGrain>(claim.ResourceId).Declare(declaration, caller);
            return Results.Created($"/api/catalog-changes/{change.Id}", change);
        })
        .RequireAuthorization(Policies.DepartmentStaff)
        .WithSummary("Declares that a law, rule or duty your catalog relies on changed (Art 15): update within 10 working days, report within 3 more.");

        group.MapGet("/{id}", async (string id, HttpContext http, IGrainFactory grains) =>
        {
            var change = await grains.GetGrain<ICatalogChangeGrain>(id).Get() ?? throw new NotFoundException("Catalog change", id);
            http.User.EnsureMaySee($"Catalog change {id}", change.Declaration.Department);
            return change;
        })
        .WithSummary("One catalog change, for its department and oversight.");

        group.MapPost("/{id}/updated", async (string id, NoteBody body, HttpContext http, IGrainFactory grains) =>
            await grains.GetGrain<ICatalogChangeGrain>(id).RecordUpdate(body.Note, http.User.ToActor()))
            .RequireAuthorization(Policies.DepartmentStaff)
            .WithSummary("Records that the catalog was updated; the 3 working days to report start.");

        group.MapPost("/{id}/report", async (string id, ReportBody body, HttpContext http, IGrainFactory grains) =>
            await grains.GetGrain<ICatalogChangeGrain>(id).Report(body.Report ?? "", http.User.ToActor()))
            .RequireAuthorization(Policies.DepartmentStaff)
            .WithSummary("Reports the updated catalog and the basis of the change to the data authority.");
    }
}

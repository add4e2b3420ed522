using System.Security.Claims;
using DataSharing.Api.Auth;
using DataSharing.Api.Contracts;
using DataSharing.Catalog;
using DataSharing.Common;
using DataSharing.Departments;

namespace DataSharing.Api.Endpoints;

public static class CatalogEndpoints
{
    public static void MapCatalog(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/catalog").WithTags("Catalog");

        group.MapGet("/", async (string? provider, ShareType? shareType, CatalogEntryStatus? status, string? q, bool? openData, bool? local, int? limit, string? after,
            HttpContext http, IGrainFactory grains) =>
        {
            var query = QueryFor(http.User, provider, shareType, status, q, openData) with { Local = local };
            return await grains.GetGrain<ICatalogListGrain>(0).List(query, PageRequest.Of(limit, after));
        })
        .WithSummary("The published catalog, plus your own department's drafts and retired entries; by code, a page (limit, after). "
            + "openData=true keeps the entries open to the public (Art 36), false the NonOpen ones. Other platforms' entries shared with this one "
            + "are listed as read-only copies with originPlatform and reportedAt (Art 23); local=true keeps this platform's own entries, false the copies.");

        group.MapGet("/{code}", async (string code, HttpContext http, IGrainFactory grains) =>
            await Visible(code, http.User, grains))
            .WithSummary("One catalog entry; a copy of another platform's entry carries its origin (platform, via, reportedAt) and is read-only here (409).");

        group.MapGet("/{code}/versions", async (string code, int? limit, string? after, HttpContext http, IGrainFactory grains) =>
        {
            var page = PageRequest.Of(limit, after);
            await Visible(code, http.User, grains);
            return await grains.GetGrain<ICatalogEntryGrain>(code).GetHistory(page);
        })
        .WithSummary("Every version of an entry, oldest first, with who edited it and when; a page (limit, after).");

        group.MapPost("/", async (CatalogEntryBody body, HttpContext http, IGrainFactory grains) =>
        {
            var caller = http.User.ToActor();
            var content = body.ToContent(http.User.Department());
            var (entry, _) = await CatalogDrafting.Draft(grains, caller, content,
                (newId, exists) => IdempotentCreation.Claim(http, grains, CatalogDrafting.Scope, caller, content, newId, exists));
            return Results.Created($"/api/catalog/{entry.Code}", entry);
        })
        .RequireAuthorization(Policies.DepartmentStaff)
        .WithSummary("Compiles a new entry of your department's catalog, as a draft (Art 13-14, 22, 24).");

        group.MapPut("/{code}", async (string code, CatalogEntryBody body, HttpContext http, IGrainFactory grains) =>
            await grains.GetGrain<ICatalogEntryGrain>(code).Edit(body.ToContent(http.User.Department()), body.ExpectedVersion, body.Note, http.User.ToActor()))
            .RequireAuthorization(Policies.DepartmentStaff)
            .WithSummary("Edits an entry: a new version, the old one kept in the history.");

        group.MapPost("/{code}/publish", async (string code, HttpContext http, IGrainFactory grains) =>
            await grains.GetGrain<ICatalogEntryGrain>(code).Publish(http.User.ToActor()))
            .RequireAuthorization(Policies.DepartmentStaff)
            .WithSummary("Publishes a draft (Art 24: register and publish what can be shared).");

        group.MapPost("/{code}/retire", async (string code, ReasonBody body, HttpContext http, IGrainFactory grains) =>
            await grains.GetGrain<ICatalogEntryGrain>(code).Retire(body.Reason ?? "", http.User.ToActor()))
            .RequireAuthorization(Policies.DepartmentStaff)
            .WithSummary("Retires an entry.");
    }

    /// <summary>The caller's view of the catalog with the filters asked for: the list's and the export's.</summary>
    internal static CatalogListQuery QueryFor(ClaimsPrincipal user, string? provider, ShareType? shareType, CatalogEntryStatus? status, string? q, bool? openData)
    {
        Require.OptionalId(provider, "provider");
        Require.OptionalLine(q, "q");
        var caller = user.ToActor();
        return new CatalogListQuery(
            Role.IsDepartmentRole(caller.Role) ? caller.Department : null, user.HasOversight(), provider, shareType, status, q, openData);
    }

    /// <summary>Published entries are for everyone; drafts and retired entries for their department and oversight.</summary>
    private static bool MaySee(ClaimsPrincipal user, CatalogEntryStatus status, string provider) =>
        status == CatalogEntryStatus.Published || user.MaySee(provider);

    /// <summary>The entry, if the caller may see it (the API's reads and the console's entry page).</summary>
    internal static async Task<CatalogEntryView> Visible(string code, ClaimsPrincipal user, IGrainFactory grains)
    {
        var entry = await grains.GetGrain<ICatalogEntryGrain>(code).Get() ?? throw new NotFoundException("Catalog entry", code);
        return MaySee(user, entry.Status, entry.Content.ProviderDepartment) ? entry : throw new NotEntitledException($"Catalog entry {code} is not published.");
    }
}

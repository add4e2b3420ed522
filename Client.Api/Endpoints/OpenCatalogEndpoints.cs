using DataSharing.Api.Standards;
using DataSharing.Catalog;
using DataSharing.Common;
using DataSharing.Departments;

namespace DataSharing.Api.Endpoints;

/// <summary>The open catalog (Art 34-37) for the public and for harvesters: no token needed.</summary>
public static class OpenCatalogEndpoints
{
    /// <summary>
    /// What anyone may see of the catalog: published entries open to the public (Art 36), never NonOpen ones; this
    /// platform's own only, as another platform's data is opened on that platform (Art 23).
    /// </summary>
    internal static readonly CatalogListQuery OpenPublished =
        new(ViewerDepartment: null, ViewerOversight: false, Status: CatalogEntryStatus.Published, OpenData: true, Local: true);

    public static void MapOpenCatalog(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/open").WithTags("Open data").AllowAnonymous();

        group.MapGet("/catalog.jsonld", async (int? limit, string? after, HttpContext http, IGrainFactory grains) =>
        {
            var request = PageRequest.Of(limit, after);
            var page = await grains.GetGrain<ICatalogListGrain>(0).Entries(OpenPublished, request);
            var publishers = await PublisherNames(page.Items.Select(e => e.Content.ProviderDepartment), grains);
            var document = new DcatDocument($"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}");
            return Results.Bytes(document.Write(page, request, publishers), DcatDocument.MediaType);
        })
        .Produces(StatusCodes.Status200OK, contentType: DcatDocument.MediaType)
        .WithSummary("The open catalog as DCAT in JSON-LD (a dcat:Catalog of dcat:Dataset), for CKAN's ckanext-dcat and other "
            + "harvesters: published entries whose open type is UnconditionalOpen or ConditionalOpen, by code, a page (limit, after) "
            + "linked by hydra:nextPage. Anonymous.");
    }

    /// <summary>The names of the page's departments, each asked once; a department no longer known keeps its code.</summary>
    private static async Task<Dictionary<string, string>> PublisherNames(IEnumerable<string> departments, IGrainFactory grains)
    {
        var profiles = await Task.WhenAll(departments.Distinct(StringComparer.Ordinal)
            .Select(code => grains.GetGrain<IDepartmentGrain>(code).GetProfile()));
        return profiles.OfType<DepartmentProfile>().ToDictionary(p => p.Code, p => p.Name, StringComparer.Ordinal);
    }
}

using System.Text;
using DataSharing.Api.Auth;
using DataSharing.Api.Contracts;
using DataSharing.Api.Hosting;
using DataSharing.Catalog;
using DataSharing.Common;
using DataSharing.OpenData;

namespace DataSharing.Api.Endpoints;

/// <summary>
/// Open data itself (Art 34-37): the open datasets and their records for anyone, always desensitized; the provider's
/// act opening a NonOpen entry (Art 36).
/// </summary>
public static class OpenDataEndpoints
{
    /// <summary>The open datasets: published entries open to the public, as the DCAT catalog lists them.</summary>
    private static CatalogListQuery OpenPublished => OpenCatalogEndpoints.OpenPublished;

    public static void MapOpenData(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/open/datasets").WithTags("Open data").AllowAnonymous();

        group.MapGet("/", async (int? limit, string? after, IGrainFactory grains) =>
            await grains.GetGrain<ICatalogListGrain>(0).List(OpenPublished, PageRequest.Of(limit, after)))
            .WithSummary("The open datasets (Art 34-36): published entries that are UnconditionalOpen or ConditionalOpen, by code, a page (limit, after). Anonymous.");

        group.MapGet("/{code}/data", Download)
            .RequireRateLimiting(OpenDownloadLimits.Policy)
            .WithSummary("A page of an open dataset's records (limit, after), always desensitized with the entry's rules or its data elements' "
                + "defaults; format=json (default) or csv. UnconditionalOpen: anyone, anonymously. ConditionalOpen: the approved applicant, "
                + "with application={id}, only the approved items within the approved period. NonOpen: never (403). Every download is recorded; "
                + "downloads per client are rate-limited (429 with Retry-After).");

        app.MapPost("/api/catalog/{code}/open", async (string code, OpeningBody body, HttpContext http, IGrainFactory grains) =>
            await grains.GetGrain<ICatalogEntryGrain>(code).Open(
                new OpeningRequest(body.OpenType, DesensitizationRuleBody.ToRules(body.Desensitization), body.Consent, body.ExpectedVersion), http.User.ToActor()))
            .WithTags("Open data")
            .RequireAuthorization(Policies.DepartmentStaff)
            .WithSummary("Opens a NonOpen entry (Art 36) as UnconditionalOpen or ConditionalOpen, with desensitization rules (made the entry's) or the "
                + "rights holders' consent (reference, description): a new version whose note says why. Without either: 409.");
    }

    private static async Task<IResult> Download(string code, string? format, int? limit, string? after, string? application,
        HttpContext http, IGrainFactory grains)
    {
        var csv = (format ?? "json").ToLowerInvariant() switch
        {
            "json" => false,
            "csv" => true,
            _ => throw new ValidationFailedException("format", "format is json or csv."),
        };
        var page = PageRequest.Of(limit, after);
        var download = await grains.GetGrain<IOpenDataGrain>(0).Download(new OpenDownloadRequest(code, page, application), Downloader(http));
        http.Response.Headers["X-Open-Download"] = download.Id;
        if (!csv)
        {
            return Results.Ok(new
            {
                items = download.Rows.Select(r => download.Columns.Zip(r).ToDictionary(p => p.First, p => p.Second)),
                next = download.Next,
                columns = download.Columns,
                basis = download.Basis,
                download = download.Id,
            });
        }

        if (download.Next is { } next)
        {
            http.Response.Headers["X-Next-Cursor"] = next;
        }

        var text = new StringBuilder().AppendRow(download.Columns);
        foreach (var row in download.Rows)
        {
            text.AppendRow(row.Select(v => v ?? ""));
        }

        return CsvText.Result(text, $"{code}.csv");
    }

    /// <summary>Who downloads: the token's subject, or an anonymous client by its address (recorded, Art 38).</summary>
    private static Actor Downloader(HttpContext http) =>
        http.User.Identity?.IsAuthenticated == true
            ? http.User.ToActor()
            : new Actor($"anonymous@{http.Connection.RemoteIpAddress?.ToString() ?? "unknown"}", OpenDownloadLimits.AnonymousRole, null);
}

using DataSharing.Api.Auth;
using DataSharing.Api.Contracts;
using DataSharing.Api.Hosting;
using DataSharing.Api.Standards;
using DataSharing.Catalog;
using DataSharing.Common;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;

namespace DataSharing.Api.Endpoints;

/// <summary>The catalog as a spreadsheet, for departments that keep theirs in one: export (CSV or xlsx) and import.</summary>
public static class CatalogSpreadsheetEndpoints
{
    /// <summary>Entries are whole here (data items, prose), so an export page is smaller than a list page.</summary>
    private const int ExportPage = 200;

    public static void MapCatalogSpreadsheets(this IEndpointRouteBuilder app, ApiOptions options)
    {
        var group = app.MapGroup("/api/catalog").WithTags("Catalog");

        group.MapGet("/export", (string? format, string? provider, ShareType? shareType, CatalogEntryStatus? status, string? q, bool? openData,
            HttpContext http, IGrainFactory grains) =>
        {
            var xlsx = format?.ToLowerInvariant() switch
            {
                null or "csv" => false,
                "xlsx" => true,
                _ => throw new ValidationFailedException("format", "format is csv or xlsx."),
            };
            var query = CatalogEndpoints.QueryFor(http.User, provider, shareType, status, q, openData);
            var rows = Rows(grains.GetGrain<ICatalogListGrain>(0), query);
            return xlsx
                ? XlsxSheet.Stream(http, "catalog.xlsx", CatalogSheet.Columns, rows)
                : CsvText.Stream(http, "catalog.csv", CatalogSheet.Columns, rows);
        })
        .Produces(StatusCodes.Status200OK, contentType: SheetReader.CsvMediaType, additionalContentTypes: SheetReader.XlsxMediaType)
        .WithSummary("The catalog you may see (as GET /api/catalog, with its filters) as a spreadsheet: CSV or xlsx (format), one row per "
            + "entry, all pages. The columns are those POST /api/catalog/import reads back.");

        group.MapPost("/import", async (bool? dryRun, HttpContext http, IGrainFactory grains) =>
        {
            var caller = http.User.ToActor();
            var department = http.User.Department();
            var key = IdempotentCreation.KeyOf(http.Request);
            var (file, xlsx) = await SheetUpload.Read(http.Request, options.MaxImportBytes);
            using (file)
            {
                var (_, rows) = SheetReader.Read(file, xlsx);
                return await new CatalogImport(grains, caller, department, key, dryRun ?? false).Run(rows);
            }
        })
        .RequireAuthorization(Policies.DepartmentStaff)
        .WithMetadata(new RequestSizeLimitAttribute(options.MaxImportBytes))
        .AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.RequestBody = SheetBody();
            return Task.CompletedTask;
        })
        .Produces<CatalogImportReport>()
        .WithSummary("Imports a spreadsheet (CSV or xlsx, raw or as the multipart part \"file\") of your department's entries: a row "
            + "without a code drafts a new entry, a row with one edits that entry (version = the version it was exported at). Each row "
            + "is applied alone and reported (created, updated, unchanged or failed with the field at fault); dryRun=true only checks. "
            + "At most 1000 rows; an Idempotency-Key makes a retried import draft no entry twice.");
    }

    /// <summary>
    /// The import's body in the OpenAPI document: described, not bound (the handler reads it itself), since a bound
    /// form or body would also make the framework pick the endpoint by content type and answer a wrong one without
    /// the problem naming Content-Type.
    /// </summary>
    private static OpenApiRequestBody SheetBody()
    {
        static OpenApiMediaType Binary() => new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } };
        return new OpenApiRequestBody
        {
            Required = true,
            Description = "The sheet: a header row naming the columns, then one row per entry (see the README's catalog sheet).",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["multipart/form-data"] = new()
                {
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Properties = new Dictionary<string, IOpenApiSchema> { ["file"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } },
                    },
                },
                [SheetReader.CsvMediaType] = Binary(),
                [SheetReader.XlsxMediaType] = Binary(),
            },
        };
    }

    private static async IAsyncEnumerable<IEnumerable<IEnumerable<string>>> Rows(ICatalogListGrain catalog, CatalogListQuery query)
    {
        for (var page = new PageRequest(ExportPage); ;)
        {
            var entries = await catalog.Entries(query, page);
            yield return entries.Items.Select(CatalogSheet.Row);
            if (entries.Next is null)
            {
                yield break;
            }

            page = page with { After = entries.Next };
        }
    }
}

using System.Text.Json.Serialization;
using DataSharing.Api.Auth;
using DataSharing.Api.Console;
using DataSharing.Api.Endpoints;
using DataSharing.Api.Hosting;
using DataSharing.Api.Problems;
using DataSharing.Silo.Hosting;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.OpenApi;

var builder = WebApplication.CreateBuilder(args);
var hosting = PlatformHostingOptions.From(builder.Configuration);
var embedded = hosting.Mode == HostingMode.Embedded;
if (embedded)
{
    // One process: the silo runs here and the API calls its grains in-process.
    builder.AddPlatformSilo();
}
else
{
    // An Orleans client that finds the silos' gateways through the membership table.
    builder.AddPlatformClient();
    builder.Services.AddSingleton<TicketedUploads>();
}

var apiOptions = builder.Configuration.GetSection(ApiOptions.Section).Get<ApiOptions>() ?? new();
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = apiOptions.MaxRequestBodyBytes);

builder.Services.TryAddSingleton(TimeProvider.System);
builder.Services.Configure<JsonOptions>(o =>
{
    // Enums by name only: a number would bind to a value no enum member has (e.g. "level": 99).
    o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
    // {"entryCode":"A","entryCode":"B"} means different things to different parsers; refuse it as malformed.
    o.SerializerOptions.AllowDuplicateProperties = false;
    // A member the body does not have is a typo or a probe: naming it beats reading the body as if it were absent.
    o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
});
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<DomainExceptionHandler>();
builder.AddPlatformAuth(embedded);
builder.AddPlatformConsole();
builder.Services.AddPlatformHealth();
builder.Services.AddOpenDownloadLimits(builder.Configuration);
builder.Services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
{
    document.Info.Title = "Government data-sharing platform API";
    document.Info.Description = "Catalog, share requests and deadlines under the Anhui Government Data Resource Management Measures (2020).";
    document.Components ??= new OpenApiComponents();
    document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
    document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
    {
        Type = SecuritySchemeType.Http,
        Scheme = "bearer",
        BearerFormat = "JWT",
        Description = "A platform token; in embedded mode get one from POST /api/dev/tokens.",
    };
    document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", document)] = [] }];
    return Task.CompletedTask;
}));

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseRequestSizeLimit(apiOptions.MaxRequestBodyBytes);

// The interactive UI is static files and public; what it calls is authorized endpoint by endpoint.
app.UseSwaggerUI(ui =>
{
    ui.SwaggerEndpoint("/openapi/v1.json", "Data-sharing platform API");
    ui.RoutePrefix = "swagger";
});
app.UseConsoleLanguage();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
// After authentication: a signed-in downloader is limited by its subject, not by the address it shares with others.
app.UseRateLimiter();

app.MapOpenApi().AllowAnonymous();
app.MapPlatformHealth();

// The API's own endpoints: ids in their paths are checked before any handler runs.
var api = app.MapGroup("").AddEndpointFilter(RouteIds.Check);
api.MapCalendar();
api.MapDepartments();
api.MapCatalog();
api.MapCatalogSpreadsheets(apiOptions);
api.MapOpenCatalog();
api.MapOpenData();
api.MapOpenApplications();
api.MapShareRequests();
api.MapAccessChecks();
api.MapData(apiOptions);
api.MapRulebook();
api.MapAudit();
api.MapReviews();
api.MapCatalogChanges();
api.MapNotices();
api.MapConflicts();
api.MapAssessments();
api.MapPersonalizedCatalog();
api.MapIncidents();
api.MapEmergencyOpenings();
api.MapFederation();
api.MapDevTokens();
app.MapDashboard();
// The web console at "/": pages for people, left out of the OpenAPI document.
app.MapPlatformConsole();
app.MapPrometheusScrapingEndpoint("/metrics").RequireAuthorization(Policies.Oversight).WithMetadata(PlatformHealth.ReadOnly);

app.Run();

/// <summary>The API's entry point, visible to the HTTP tests.</summary>
public partial class Program;

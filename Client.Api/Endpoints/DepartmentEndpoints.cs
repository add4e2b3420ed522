using DataSharing.Api.Auth;
using DataSharing.Api.Contracts;
using DataSharing.Common;
using DataSharing.Departments;

namespace DataSharing.Api.Endpoints;

public static class DepartmentEndpoints
{
    public static void MapDepartments(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/departments").WithTags("Departments");

        group.MapGet("/", async (int? limit, string? after, IGrainFactory grains) =>
            await grains.GetGrain<IDepartmentDirectoryGrain>(IDepartmentDirectoryGrain.Key).List(PageRequest.Of(limit, after)))
            .WithSummary("The departments of this cluster, by code; a page (limit, after).");

        group.MapGet("/{code}", async (string code, IGrainFactory grains) =>
            await grains.GetGrain<IDepartmentGrain>(code).GetProfile() ?? throw new NotFoundException("Department", code));

        group.MapPost("/", async (DepartmentBody body, IGrainFactory grains) =>
        {
            Require.Id(body.Code, "code");
            Require.Line(body.Name, "name");
            Require.OptionalId(body.RegionCode, "regionCode");
            var profile = new DepartmentProfile(
                body.Code!, body.Name!,
                body.Level ?? throw new ValidationFailedException("level", "level is Province or City."),
                body.RegionCode ?? body.Code![..Math.Min(6, body.Code!.Length)]);
            var registered = await grains.GetGrain<IDepartmentGrain>(profile.Code).Register(profile);
            return Results.Created($"/api/departments/{registered.Code}", registered);
        })
        .RequireAuthorization(Policies.PlatformAdmin)
        .WithSummary("Registers a department (registering the same profile again changes nothing).");

        group.MapGet("/{code}/violations", async (string code, int? limit, string? after, HttpContext http, IGrainFactory grains) =>
        {
            var page = PageRequest.Of(limit, after);
            http.User.EnsureMaySee($"The violation records of {code}", code);
            return await grains.GetGrain<IViolationLogGrain>(0).ListOf(code, page);
        })
        .WithSummary("Violation records against a department (Art 43), for its own staff and for oversight; newest first, a page (limit, after).");
    }
}

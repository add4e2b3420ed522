using System.Globalization;
using DataSharing.Api.Auth;
using DataSharing.Api.Contracts;
using DataSharing.Common;
using DataSharing.Federation;
using DataSharing.Sharing;

namespace DataSharing.Api.Endpoints;

public static class AccessCheckEndpoints
{
    public static void MapAccessChecks(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/access-checks").WithTags("Access checks");

        group.MapPost("/", async (AccessCheckBody body, HttpContext http, IGrainFactory grains, FederationRouting routing, FederationReads federation) =>
        {
            var request = new AccessCheckRequest(http.User.Department(), body.EntryCode ?? "", body.DataItems ?? [], body.Scenario ?? "");
            // Another platform's entry is checked there, against the grants it holds (Art 23).
            return routing.RemotePlatformOfEntry(request.EntryCode) is { } owner
                ? await federation.Check(owner, request, http.User.ToActor())
                : await grains.GetGrain<IAccessGateGrain>(0).Check(request, http.User.ToActor());
        })
        .RequireAuthorization(Policies.DepartmentStaff)
        .WithSummary("May your department use these data items of this entry for this scenario now? The check is recorded (Art 21). "
            + "An entry of another platform is checked by that platform, against the grants it holds (Art 23).");

        group.MapGet("/", async (string? department, string? date, int? limit, string? after, HttpContext http, IGrainFactory grains, TimeProvider time) =>
        {
            Require.OptionalId(department, "department");
            var who = department ?? http.User.Department();
            http.User.EnsureMaySee($"The access checks of {who}", who);
            var day = date is null
                ? ShanghaiTime.DateOf(time.GetUtcNow())
                : DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
                    ? Require.Date(parsed, "date")
                    : throw new ValidationFailedException("date", "date must be written YYYY-MM-DD.");
            return await grains.GetGrain<IAccessGateGrain>(0).List(who, day, PageRequest.Of(limit, after));
        })
        .WithSummary("The access checks of a department on one day (Asia/Shanghai), in the order they were made; a page (limit, after).");
    }
}

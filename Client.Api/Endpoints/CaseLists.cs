using System.Security.Claims;
using DataSharing.Api.Auth;
using DataSharing.Cases;
using DataSharing.Common;

namespace DataSharing.Api.Endpoints;

/// <summary>
/// The case lists of reviews, catalog changes, notices, conflicts and personalized-catalog requests: a department's
/// staff see the cases that concern their department, oversight sees every department's (or one's). Soonest deadline
/// first, a page at a time.
/// </summary>
public static class CaseLists
{
    public static RouteHandlerBuilder MapCaseList(this RouteGroupBuilder group, string kind, string what) =>
        group.MapGet("/", async (string? status, bool? open, string? department, int? limit, string? after, HttpContext http, IGrainFactory grains) =>
            {
                Require.OptionalId(department, "department");
                Require.OptionalLine(status, "status");
                var page = PageRequest.Of(limit, after);
                var query = new CaseListQuery(kind, DepartmentFor(http.User, department), status, open);
                return await grains.GetGrain<ICaseListGrain>(0).List(query, page);
            })
            .WithSummary($"{what}: your department's, or every department's for oversight; soonest deadline first; a page (limit, after).");

    /// <summary>
    /// The department whose cases the caller may list: oversight the one asked for (null: every department), staff
    /// their own (asking for another is refused).
    /// </summary>
    public static string? DepartmentFor(ClaimsPrincipal user, string? department)
    {
        if (user.HasOversight())
        {
            return department;
        }

        var own = user.Department();
        return department is null || department == own
            ? own
            : throw new NotEntitledException($"The cases of {department} are its own.");
    }
}

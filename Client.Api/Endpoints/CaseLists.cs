using System.Security.Claims;
using DataSharing.Api.Auth;
using DataSharing.Cases;
using DataSharing.Common;
using DataSharing.Departments;

namespace DataSharing.Api.Endpoints;

/// <summary>
/// The case lists of reviews, catalog changes, notices and conflicts: a department's staff see the cases that
/// concern their department, oversight sees every department's (or one's). Soonest deadline first.
/// </summary>
public static class CaseLists
{
    public static RouteHandlerBuilder MapCaseList(this RouteGroupBuilder group, string kind, string what) =>
        group.MapGet("/", async (string? status, bool? open, string? department, HttpContext http, IGrainFactory grains) =>
                await List(kind, http.User, grains, status, open, department))
            .WithSummary($"{what}: your department's, or every department's for oversight; soonest deadline first.");

    /// <summary>
    /// The departments whose cases the caller may list: oversight every department (or the one asked for), staff
    /// their own (asking for another is refused).
    /// </summary>
    public static async Task<IReadOnlyList<string>> DepartmentsFor(ClaimsPrincipal user, IGrainFactory grains, string? department = null)
    {
        if (user.HasOversight())
        {
            return department is not null
                ? [department]
                : (await grains.GetGrain<IDepartmentDirectoryGrain>(IDepartmentDirectoryGrain.Key).List()).Select(d => d.Code).ToList();
        }

        var own = user.Department();
        return department is null || department == own
            ? [own]
            : throw new NotEntitledException($"The cases of {department} are its own.");
    }

    public static async Task<IEnumerable<CaseSummary>> List(string kind, ClaimsPrincipal user, IGrainFactory grains, string? status, bool? open, string? department)
    {
        Require.OptionalId(department, "department");
        Require.OptionalLine(status, "status");
        var departments = await DepartmentsFor(user, grains, department);
        var lists = await Task.WhenAll(departments.Select(d => grains.GetGrain<ICaseIndexGrain>(ICaseIndexGrain.KeyOf(kind, d)).List()));
        return lists.SelectMany(l => l)
            .DistinctBy(c => c.Id)
            .Where(c => status is null || string.Equals(c.Status, status, StringComparison.OrdinalIgnoreCase))
            .Where(c => open is null || c.Open == open)
            .OrderBy(c => c.DueAt ?? DateTimeOffset.MaxValue)
            .ThenByDescending(c => c.UpdatedAt)
            .ToList();
    }
}

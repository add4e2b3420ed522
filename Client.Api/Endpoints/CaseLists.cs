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

    public static async Task<IEnumerable<CaseSummary>> List(string kind, ClaimsPrincipal user, IGrainFactory grains, string? status, bool? open, string? department)
    {
        IEnumerable<string> departments;
        if (user.HasOversight())
        {
            departments = department is not null
                ? [department]
                : (await grains.GetGrain<IDepartmentDirectoryGrain>(IDepartmentDirectoryGrain.Key).List()).Select(d => d.Code);
        }
        else
        {
            var own = user.Department();
            if (department is not null && department != own)
            {
                throw new NotEntitledException($"The cases of {department} are its own.");
            }

            departments = [own];
        }

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

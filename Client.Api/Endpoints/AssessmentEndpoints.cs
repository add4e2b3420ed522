using System.Globalization;
using System.Security.Claims;
using DataSharing.Api.Auth;
using DataSharing.Assessment;
using DataSharing.Common;
using DataSharing.Departments;

namespace DataSharing.Api.Endpoints;

public static class AssessmentEndpoints
{
    public static void MapAssessments(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/assessments").WithTags("Assessment");

        group.MapGet("/", async (int? year, int? limit, string? after, HttpContext http, IGrainFactory grains, TimeProvider time) =>
        {
            var assessed = YearOf(year, time);
            var departments = await DepartmentsFor(http.User, PageRequest.Of(limit, after), grains);
            var assessments = await grains.GetGrain<IAssessmentGrain>(0).Assess(departments.Items, assessed);
            return new Page<DepartmentAssessment>(assessments, departments.Next);
        })
        .WithSummary("Art 42: per department, the year's share requests answered on time or late and the median answer time "
            + "in working days, reviews, catalog changes, open notices and open-data applications (Art 36) answered on time or late. Oversight sees every department, staff their own; "
            + "by department code, a page (limit, after).");

        group.MapGet("/export", (int? year, HttpContext http, IGrainFactory grains, TimeProvider time) =>
        {
            var assessed = YearOf(year, time);
            return CsvText.Stream(http, $"assessment-{assessed}.csv",
                [
                    "year", "department", "name",
                    "shareRequestsOnTime", "shareRequestsLate", "shareRequestsOverdue", "shareRequestsPending", "medianAnswerWorkingDays",
                    "reviewsOnTime", "reviewsLate", "reviewsOverdue", "reviewsPending",
                    "catalogChangesOnTime", "catalogChangesLate", "catalogChangesOverdue", "catalogChangesPending",
                    "noticesOpen", "noticesRectified",
                    "openApplicationsOnTime", "openApplicationsLate", "openApplicationsOverdue", "openApplicationsPending",
                ],
                Rows(assessed, grains));
        })
        .RequireAuthorization(Policies.Oversight)
        .WithSummary("The year's assessment of every department as CSV (Art 42).");
    }

    /// <summary>
    /// The page of departments whose assessment the caller may read, in code order: oversight every department of the
    /// directory, staff their own.
    /// </summary>
    private static async Task<Page<string>> DepartmentsFor(ClaimsPrincipal user, PageRequest page, IGrainFactory grains)
    {
        if (user.HasOversight())
        {
            var directory = await grains.GetGrain<IDepartmentDirectoryGrain>(IDepartmentDirectoryGrain.Key).List(page);
            return new Page<string>(directory.Items.Select(d => d.Code).ToList(), directory.Next);
        }

        var own = user.Department();
        var after = DirectoryCursor.After(page);
        return after is null || string.CompareOrdinal(own, after) > 0 ? new Page<string>([own], null) : Page<string>.Empty;
    }

    /// <summary>Every department's row, a page of the directory at a time: the export never holds the whole province.</summary>
    private static async IAsyncEnumerable<IEnumerable<IEnumerable<string>>> Rows(int year, IGrainFactory grains)
    {
        var directory = grains.GetGrain<IDepartmentDirectoryGrain>(IDepartmentDirectoryGrain.Key);
        for (var page = new PageRequest(PageRequest.MaxLimit); ;)
        {
            var departments = await directory.List(page);
            var names = departments.Items.ToDictionary(d => d.Code, d => d.Name);
            var assessments = await grains.GetGrain<IAssessmentGrain>(0).Assess(departments.Items.Select(d => d.Code).ToList(), year);
            yield return assessments.Select(a => (IEnumerable<string>)
            [
                a.Year.ToString(CultureInfo.InvariantCulture), a.Department, names.GetValueOrDefault(a.Department, ""),
                .. Counts(a.ShareRequests), a.MedianAnswerWorkingDays?.ToString(CultureInfo.InvariantCulture) ?? "",
                .. Counts(a.Reviews), .. Counts(a.CatalogChanges),
                a.NoticesOpen.ToString(CultureInfo.InvariantCulture), a.NoticesRectified.ToString(CultureInfo.InvariantCulture),
                .. Counts(a.OpenApplications),
            ]);
            if (departments.Next is null)
            {
                yield break;
            }

            page = page with { After = departments.Next };
        }
    }

    private static int YearOf(int? year, TimeProvider time)
    {
        if (year is < 2000 or > 2100)
        {
            throw new ValidationFailedException("year", "year is between 2000 and 2100.", "Art 42");
        }

        return year ?? ShanghaiTime.DateOf(time.GetUtcNow()).Year;
    }

    private static IEnumerable<string> Counts(TimelinessCounts c) =>
        new[] { c.OnTime, c.Late, c.Overdue, c.Pending }.Select(n => n.ToString(CultureInfo.InvariantCulture));
}

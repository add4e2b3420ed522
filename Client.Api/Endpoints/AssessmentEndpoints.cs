using System.Globalization;
using System.Text;
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

        group.MapGet("/", async (int? year, HttpContext http, IGrainFactory grains, TimeProvider time) =>
            await Assess(YearOf(year, time), await CaseLists.DepartmentsFor(http.User, grains), grains))
            .WithSummary("Art 42: per department, the year's share requests answered on time or late and the median answer time "
                + "in working days, reviews, catalog changes and open notices. Oversight sees every department, staff their own.");

        group.MapGet("/export", async (int? year, HttpContext http, IGrainFactory grains, TimeProvider time) =>
        {
            var assessed = YearOf(year, time);
            // Oversight only: every department, listed once for both the rows and their names.
            var names = (await grains.GetGrain<IDepartmentDirectoryGrain>(IDepartmentDirectoryGrain.Key).List()).ToDictionary(d => d.Code, d => d.Name);
            var csv = new StringBuilder();
            csv.AppendRow([
                "year", "department", "name",
                "shareRequestsOnTime", "shareRequestsLate", "shareRequestsOverdue", "shareRequestsPending", "medianAnswerWorkingDays",
                "reviewsOnTime", "reviewsLate", "reviewsOverdue", "reviewsPending",
                "catalogChangesOnTime", "catalogChangesLate", "catalogChangesOverdue", "catalogChangesPending",
                "noticesOpen", "noticesRectified"]);
            foreach (var a in await Assess(assessed, names.Keys, grains))
            {
                csv.AppendRow([
                    a.Year.ToString(CultureInfo.InvariantCulture), a.Department, names.GetValueOrDefault(a.Department, ""),
                    .. Counts(a.ShareRequests), a.MedianAnswerWorkingDays?.ToString(CultureInfo.InvariantCulture) ?? "",
                    .. Counts(a.Reviews), .. Counts(a.CatalogChanges),
                    a.NoticesOpen.ToString(CultureInfo.InvariantCulture), a.NoticesRectified.ToString(CultureInfo.InvariantCulture)]);
            }

            return CsvText.Result(csv, $"assessment-{assessed}.csv");
        })
        .RequireAuthorization(Policies.Oversight)
        .WithSummary("The year's assessment of every department as CSV (Art 42).");
    }

    private static async Task<IReadOnlyList<DepartmentAssessment>> Assess(int year, IEnumerable<string> departments, IGrainFactory grains) =>
        await Task.WhenAll(departments.Select(d => grains.GetGrain<IAssessmentGrain>(IAssessmentGrain.KeyOf(d, year)).Assess()));

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

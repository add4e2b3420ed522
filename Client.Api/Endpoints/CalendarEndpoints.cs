using System.Globalization;
using DataSharing.Api.Auth;
using DataSharing.Api.Contracts;
using DataSharing.Calendar;
using DataSharing.Common;

namespace DataSharing.Api.Endpoints;

public static class CalendarEndpoints
{
    public static void MapCalendar(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/calendar").WithTags("Calendar");

        // Computed in this process from its copy of the calendar (CalendarCache): it is arithmetic, and the most called
        // endpoint there is, so it is not funnelled through the calendar's one activation.
        group.MapGet("/working-days/add", async (string? from, string? days, CalendarCache calendar) =>
        {
            if (!DateOnly.TryParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start))
            {
                throw new ValidationFailedException("from", "from must be a date written YYYY-MM-DD.");
            }

            if (!int.TryParse(days, NumberStyles.Integer, CultureInfo.InvariantCulture, out var count))
            {
                throw new ValidationFailedException("days", "days must be a whole number.");
            }

            var sum = await calendar.AddWorkingDays(start, count);
            return new WorkingDaySumResponse(sum.From.ToString("yyyy-MM-dd"), sum.Days, sum.Due.ToString("yyyy-MM-dd"), sum.Provisional);
        })
        .AllowAnonymous()
        .WithSummary("The N-th working day after a date (the date itself is not counted), per the official calendar.");

        group.MapGet("/years", async (IGrainFactory grains) =>
            (await Calendar(grains).GetYears()).Select(Summarize))
            .WithSummary("The years whose official arrangement is loaded, each with the calendar version that loaded it.");

        group.MapGet("/years/{year:int}", async (int year, IGrainFactory grains) =>
            (await Calendar(grains).GetYears()).FirstOrDefault(y => y.Year == year)
                ?? throw new NotFoundException("Calendar year", year.ToString(CultureInfo.InvariantCulture)))
            .WithSummary("One year's official holidays and make-up working days.");

        group.MapGet("/years/{year:int}/versions", async (int year, IGrainFactory grains) =>
        {
            var versions = await Calendar(grains).GetVersions(year);
            return versions.Count > 0 ? versions : throw new NotFoundException("Calendar year", year.ToString(CultureInfo.InvariantCulture));
        })
        .WithSummary("Every arrangement the year has had, oldest first, with who loaded it, when, why, and the calendar version; "
            + "a deadline's calendarVersion names the one it was computed with.");

        group.MapPut("/years/{year:int}", async (int year, CalendarYearBody body, HttpContext http, IGrainFactory grains) =>
        {
            Require.Items(body.Days, "days", 366);
            var days = (body.Days ?? throw new ValidationFailedException("days", "days is required (the year's holidays and make-up working days)."))
                .Select((d, i) => new CalendarDay(
                    d.Date ?? throw new ValidationFailedException($"days[{i}].date", $"days[{i}].date is required."),
                    d.Kind ?? throw new ValidationFailedException($"days[{i}].kind", $"days[{i}].kind is Holiday or Workday."),
                    d.Occasion))
                .ToList();
            var result = await Calendar(grains).LoadYear(year, new CalendarYearLoad(days, body.Replace == true, body.Reason, body.Force == true), http.User.ToActor());
            return new CalendarLoadResponse(year, result.Loaded.Version, Summarize(result.Loaded), result.Replaced is { } old ? Summarize(old) : null,
                new CalendarDiff(result.Added, result.Removed), result.Deadlines,
                "Provisional deadlines in this year were recomputed (above); every other deadline keeps the arrangement it was computed with (its calendarVersion).");
        })
        .RequireAuthorization(Policies.PlatformAdmin)
        .WithSummary("Loads a year's official arrangement as a new calendar version. Replacing a loaded year needs replace: true and a reason; "
            + "an arrangement with fewer rest days than the statutory holidays needs force: true and a reason. Says which provisional deadlines moved.");
    }

    private static IWorkingDayCalendarGrain Calendar(IGrainFactory grains) =>
        grains.GetGrain<IWorkingDayCalendarGrain>(IWorkingDayCalendarGrain.Key);

    private static CalendarYearSummary Summarize(CalendarYear year) => new(
        year.Year,
        year.Version,
        year.Days.Count(d => d.Kind == CalendarDayKind.Holiday),
        year.Days.Count(d => d.Kind == CalendarDayKind.Workday),
        CalendarArrangementRules.RestDays(year.Days),
        year.LoadedAt,
        year.LoadedBy,
        year.Reason,
        year.Forced);
}

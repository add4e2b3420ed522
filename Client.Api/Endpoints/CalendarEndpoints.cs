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

        group.MapGet("/working-days/add", async (string? from, string? days, IGrainFactory grains) =>
        {
            if (!DateOnly.TryParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start))
            {
                throw new ValidationFailedException("from", "from must be a date written YYYY-MM-DD.");
            }

            if (!int.TryParse(days, NumberStyles.Integer, CultureInfo.InvariantCulture, out var count))
            {
                throw new ValidationFailedException("days", "days must be a whole number.");
            }

            var sum = await Calendar(grains).AddWorkingDays(start, count);
            return new WorkingDaySumResponse(sum.From.ToString("yyyy-MM-dd"), sum.Days, sum.Due.ToString("yyyy-MM-dd"), sum.Provisional);
        })
        .AllowAnonymous()
        .WithSummary("The N-th working day after a date (the date itself is not counted), per the official calendar.");

        group.MapGet("/years", async (IGrainFactory grains) =>
            (await Calendar(grains).GetYears()).Select(Summarize))
            .WithSummary("The years whose official arrangement is loaded.");

        group.MapGet("/years/{year:int}", async (int year, IGrainFactory grains) =>
            (await Calendar(grains).GetYears()).FirstOrDefault(y => y.Year == year)
                ?? throw new NotFoundException("Calendar year", year.ToString(CultureInfo.InvariantCulture)))
            .WithSummary("One year's official holidays and make-up working days.");

        group.MapPut("/years/{year:int}", async (int year, CalendarYearBody body, HttpContext http, IGrainFactory grains) =>
        {
            Require.Items(body.Days, "days", 366);
            var days = (body.Days ?? throw new ValidationFailedException("days", "days is required (it may be empty)."))
                .Select((d, i) => new CalendarDay(
                    d.Date ?? throw new ValidationFailedException($"days[{i}].date", "date is required."),
                    d.Kind ?? throw new ValidationFailedException($"days[{i}].kind", "kind is Holiday or Workday."),
                    d.Occasion))
                .Select((d, i) =>
                {
                    Require.OptionalLine(d.Occasion, $"days[{i}].occasion");
                    return d;
                })
                .ToList();
            return Summarize(await Calendar(grains).LoadYear(year, days, http.User.ToActor()));
        })
        .RequireAuthorization(Policies.PlatformAdmin)
        .WithSummary("Loads a year's official arrangement; provisional deadlines in that year are recomputed.");
    }

    private static IWorkingDayCalendarGrain Calendar(IGrainFactory grains) =>
        grains.GetGrain<IWorkingDayCalendarGrain>(IWorkingDayCalendarGrain.Key);

    private static CalendarYearSummary Summarize(CalendarYear year) => new(
        year.Year,
        year.Days.Count(d => d.Kind == CalendarDayKind.Holiday),
        year.Days.Count(d => d.Kind == CalendarDayKind.Workday),
        year.LoadedAt,
        year.LoadedBy);
}

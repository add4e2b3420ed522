using DataSharing.Common;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;

namespace DataSharing.Calendar;

/// <summary>
/// How a case keeps a deadline: the due instant is computed from the cluster's calendar and stored in the case's
/// state, and one durable reminder is armed for it. A tick compares the clock with the stored instant, so a tick
/// that comes early (a moved deadline) or late (every silo was down) still does the right thing.
/// </summary>
public static class CaseDeadlines
{
    public const string ReminderName = "deadline";

    /// <summary>
    /// After the due tick the reminder keeps ticking at this period until the case disarms it, so a crash between
    /// acting on the deadline and recording that act is retried, not lost. It also bounds lateness after an outage:
    /// Orleans does not replay a tick missed while no silo ran, it fires at the next StartAt + N * period, so a
    /// deadline that passed during the outage is acted on at most one period after the cluster is back. One minute
    /// is Orleans' default minimum period.
    /// </summary>
    public static readonly TimeSpan RetryPeriod = TimeSpan.FromMinutes(1);

    /// <summary>The deadline "within <paramref name="workingDays"/> working days of receipt", for the case <paramref name="bearer"/>.</summary>
    public static Task<Deadline> Compute(this IGrainBase bearer, DateTimeOffset receivedAt, int workingDays) =>
        bearer.ComputeFrom(ShanghaiTime.DateOf(receivedAt), workingDays);

    /// <summary>
    /// The deadline <paramref name="workingDays"/> after a date (e.g. an extension from the old due date), from the
    /// silo's <see cref="CalendarCache"/>. A provisional one registers the case to be called back when its year is loaded.
    /// </summary>
    public static async Task<Deadline> ComputeFrom(this IGrainBase bearer, DateOnly start, int workingDays)
    {
        var sum = await Calendar(bearer).AddWorkingDays(start, workingDays);
        var deadline = new Deadline(sum.From, workingDays, sum.Due, ShanghaiTime.EndOf(sum.Due), sum.Provisional, sum.CalendarVersion);
        if (deadline.Provisional)
        {
            var calendar = bearer.GrainContext.ActivationServices.GetRequiredService<IGrainFactory>()
                .GetGrain<IWorkingDayCalendarGrain>(IWorkingDayCalendarGrain.Key);
            for (var year = deadline.StartDate.Year; year <= deadline.DueDate.Year; year++)
            {
                await calendar.WatchProvisional(year, bearer.GrainContext.GrainId);
            }
        }

        return deadline;
    }

    /// <summary>The action a deadline recomputed on a newly loaded calendar is recorded under (history and audit log).</summary>
    public const string RecomputeAction = "recompute-deadline";

    /// <summary>A case's history entry for a deadline recomputed on a newly loaded calendar: the state stays, the due date moves.</summary>
    public static CaseTransition Recomputed(DateTimeOffset at, string status, Deadline old, Deadline recomputed) =>
        new(at, Actor.System, RecomputeAction, status, status, RecomputedNote(old, recomputed));

    public static string RecomputedNote(Deadline old, Deadline recomputed) =>
        $"Due {recomputed.DueDate:yyyy-MM-dd}{(recomputed.Provisional ? " (provisional)" : "")}, was {old.DueDate:yyyy-MM-dd}.";

    /// <summary>What a calendar load reports of a case whose deadline it recomputed.</summary>
    public static DeadlineMove Moved(string caseKind, string caseId, Deadline old, Deadline recomputed) =>
        new(caseKind, caseId, old.DueDate, recomputed.DueDate, recomputed.Provisional);

    /// <summary>Called back because a year was loaded: what is computed next uses the calendar as loaded, not as cached.</summary>
    public static Task ReadCalendarAfresh(this IGrainBase bearer) => Calendar(bearer).Refresh();

    private static CalendarCache Calendar(IGrainBase bearer) => bearer.GrainContext.ActivationServices.GetRequiredService<CalendarCache>();

    public static Task Arm(this IGrainBase grain, DateTimeOffset dueAt, DateTimeOffset now)
    {
        var dueIn = dueAt - now;
        return grain.RegisterOrUpdateReminder(ReminderName, dueIn > TimeSpan.Zero ? dueIn : TimeSpan.Zero, RetryPeriod);
    }

    public static async Task Disarm(this IGrainBase grain)
    {
        if (await grain.GetReminder(ReminderName) is { } reminder)
        {
            await grain.UnregisterReminder(reminder);
        }
    }
}

using DataSharing.Common;
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

    public static Task<Deadline> Compute(IGrainFactory grains, DateTimeOffset receivedAt, int workingDays, GrainId bearer) =>
        ComputeFrom(grains, ShanghaiTime.DateOf(receivedAt), workingDays, bearer);

    /// <summary>The deadline <paramref name="workingDays"/> after a date (e.g. an extension from the old due date).</summary>
    public static async Task<Deadline> ComputeFrom(IGrainFactory grains, DateOnly start, int workingDays, GrainId bearer)
    {
        var calendar = grains.GetGrain<IWorkingDayCalendarGrain>(IWorkingDayCalendarGrain.Key);
        var sum = await calendar.AddWorkingDays(start, workingDays);
        var deadline = new Deadline(sum.From, workingDays, sum.Due, ShanghaiTime.EndOf(sum.Due), sum.Provisional, sum.CalendarVersion);
        if (deadline.Provisional)
        {
            for (var year = deadline.StartDate.Year; year <= deadline.DueDate.Year; year++)
            {
                await calendar.WatchProvisional(year, bearer);
            }
        }

        return deadline;
    }

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

using DataSharing.Calendar;
using DataSharing.Common;

namespace DataSharing.Api.Console;

/// <summary>How far a deadline is, in working days: left until its due date, or past it (<see cref="Overdue"/>).</summary>
public sealed record WorkingDaysLeft(int Days, bool Overdue);

/// <summary>Working days left as the official calendar counts them, on the domain clock (which tests move).</summary>
public sealed class DeadlineDistance(CalendarCache calendar, PlatformClock clock)
{
    public DateOnly Today => ShanghaiTime.DateOf(clock.Now);

    public DateTimeOffset Now => clock.Now;

    /// <summary>A deadline ends with its due date (24:00 Shanghai): on that day 0 are left, the day after it is overdue.</summary>
    public async ValueTask<WorkingDaysLeft> Of(DateOnly dueDate)
    {
        var today = Today;
        return today <= dueDate
            ? new WorkingDaysLeft(await calendar.WorkingDaysBetween(today, dueDate), false)
            : new WorkingDaysLeft(await calendar.WorkingDaysBetween(dueDate, today), true);
    }

    public async ValueTask<WorkingDaysLeft?> Of(DateTimeOffset? dueAt) =>
        dueAt is { } at ? await Of(ShanghaiTime.DateOf(at - TimeSpan.FromTicks(1))) : null;
}

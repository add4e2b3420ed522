using DataSharing.Calendar;
using DataSharing.Common;

namespace DataSharing.Api.Contracts;

public sealed record WorkingDaySumResponse(string From, int Days, string Due, bool Provisional);

public sealed record CalendarDayBody(DateOnly? Date, CalendarDayKind? Kind, string? Occasion);

/// <summary>
/// A year's arrangement as a platform admin loads it. <c>replace</c> confirms replacing a year that has one;
/// <c>force</c> loads one with fewer rest days than the statutory holidays; either needs a <c>reason</c>.
/// </summary>
public sealed record CalendarYearBody(IReadOnlyList<CalendarDayBody>? Days, bool? Replace = null, string? Reason = null, bool? Force = null);

public sealed record CalendarYearSummary(
    int Year, int Version, int Holidays, int MakeUpWorkdays, int WorkingDaysOff, DateTimeOffset LoadedAt, string LoadedBy, string? Reason, bool Forced);

/// <summary>Days in the new arrangement and not in the old one, and the other way round.</summary>
public sealed record CalendarDiff(IReadOnlyList<CalendarDay> Added, IReadOnlyList<CalendarDay> Removed);

public sealed record CalendarLoadResponse(int Year, int Version, CalendarYearSummary Loaded, CalendarYearSummary? Replaced, CalendarDiff Diff, DeadlinesMoved Deadlines, string Note);

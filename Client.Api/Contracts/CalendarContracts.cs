using DataSharing.Calendar;

namespace DataSharing.Api.Contracts;

public sealed record WorkingDaySumResponse(string From, int Days, string Due, bool Provisional);

public sealed record CalendarDayBody(DateOnly? Date, CalendarDayKind? Kind, string? Occasion);

public sealed record CalendarYearBody(IReadOnlyList<CalendarDayBody>? Days);

public sealed record CalendarYearSummary(int Year, int Holidays, int MakeUpWorkdays, DateTimeOffset LoadedAt, string LoadedBy);

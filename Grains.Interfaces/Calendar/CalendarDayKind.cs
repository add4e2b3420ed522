namespace DataSharing.Calendar;

public enum CalendarDayKind
{
    /// <summary>An official holiday: a rest day even if it falls Monday to Friday.</summary>
    Holiday,

    /// <summary>An official make-up working day (调休): a working day even on a weekend.</summary>
    Workday,
}

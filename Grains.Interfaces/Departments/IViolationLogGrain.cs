using DataSharing.Common;

namespace DataSharing.Departments;

/// <summary>
/// The violation records (Art 43): recorded by the cases that find them, listed for the authority and per department.
/// A stateless worker: the records live in the hosting mode's violation store, not in the department's grain.
/// </summary>
public interface IViolationLogGrain : IGrainWithIntegerKey
{
    /// <summary>Records a violation; recording the same one (same id) again keeps one record.</summary>
    Task Record(ViolationRecord violation);

    /// <summary>Every department's violations, newest first.</summary>
    Task<Page<ViolationRecord>> List(PageRequest page);

    /// <summary>The violations of one department, newest first.</summary>
    Task<Page<ViolationRecord>> ListOf(string department, PageRequest page);

    /// <summary>
    /// How many violations of <paramref name="article"/> cases of <paramref name="caseKind"/> gave rise to on each day
    /// from <paramref name="from"/> up to, not including, <paramref name="until"/> (at most <see cref="DateRange.MaxDays"/>
    /// days), days without any left out: e.g. share requests turned overdue (Art 43(4)) per day.
    /// </summary>
    Task<IReadOnlyList<DailyCount>> CountByDay(string caseKind, string article, DateOnly from, DateOnly until);
}

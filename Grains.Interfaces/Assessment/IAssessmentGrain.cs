namespace DataSharing.Assessment;

/// <summary>
/// The assessment of departments (Art 42): the facts cases report, aggregated per department and year. A stateless
/// worker: the facts live in the hosting mode's assessment store, one row per case, not in a grain.
/// </summary>
public interface IAssessmentGrain : IGrainWithIntegerKey
{
    /// <summary>Records a case's fact (an older version never replaces a newer one), with the working days its answer took.</summary>
    Task Record(AssessedCase assessed);

    /// <summary>The year's assessment of each of <paramref name="departments"/>, in their order.</summary>
    Task<IReadOnlyList<DepartmentAssessment>> Assess(IReadOnlyList<string> departments, int year);

    /// <summary>
    /// The answers to cases of <paramref name="kind"/> given on each day from <paramref name="from"/> up to, not
    /// including, <paramref name="until"/> (at most <see cref="DateRange.MaxDays"/> days), days without answers left out.
    /// </summary>
    Task<IReadOnlyList<DailyAnswers>> AnswersByDay(string kind, DateOnly from, DateOnly until);
}

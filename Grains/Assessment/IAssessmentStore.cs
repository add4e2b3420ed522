namespace DataSharing.Assessment;

/// <summary>
/// Where the assessed facts live: in memory in embedded mode (<see cref="InMemoryAssessmentStore"/>, with running
/// counts per department and year), table assessed_cases in cluster mode (aggregated by a query over its
/// (department, year) index). One fact per case, upserted by version: an older one never replaces a newer one; one
/// of the same version replaces it if it differs (the working days of an answer computed again on a calendar loaded
/// since).
/// </summary>
public interface IAssessmentStore
{
    Task Record(AssessedCase fact);

    /// <summary>The fact held for a case, or null: how a city platform tells a fact it reported up already (see <see cref="AssessmentGrain"/>).</summary>
    Task<AssessedCase?> Find(string kind, string caseId);

    /// <summary>The year's assessment of each of <paramref name="departments"/>, in their order.</summary>
    Task<IReadOnlyList<DepartmentAssessment>> Assess(IReadOnlyList<string> departments, int year);

    /// <summary>Every department's answers to cases of <paramref name="kind"/> by the day they were given, in [from, until), by day.</summary>
    Task<IReadOnlyList<DailyAnswers>> AnswersByDay(string kind, DateOnly from, DateOnly until);
}

using DataSharing.Calendar;
using DataSharing.Cases;
using DataSharing.Common;
using Orleans.Concurrency;

namespace DataSharing.Assessment;

[StatelessWorker, Reentrant]
public sealed class AssessmentGrain(IAssessmentStore store, CalendarCache calendar) : Grain, IAssessmentGrain
{
    public async Task Record(AssessedCase assessed)
    {
        // Art 42 assesses how long conditional requests took to answer (Art 25): counted once, when the case reports
        // its answer, so that the assessment itself is a query and never a pass over a year of answers.
        if (assessed is { Kind: CaseKinds.ShareRequest, AnsweredOn: { } answered })
        {
            assessed = assessed with { AnswerWorkingDays = await calendar.WorkingDaysBetween(assessed.ReceivedOn, answered) };
        }

        await store.Record(assessed);
    }

    public Task<IReadOnlyList<DepartmentAssessment>> Assess(IReadOnlyList<string> departments, int year) => store.Assess(departments, year);

    public Task<IReadOnlyList<DailyAnswers>> AnswersByDay(string kind, DateOnly from, DateOnly until)
    {
        DateRange.Validate(from, until);
        return store.AnswersByDay(kind, from, until);
    }
}

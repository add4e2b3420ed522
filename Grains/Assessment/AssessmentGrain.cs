using DataSharing.Calendar;
using DataSharing.Cases;
using DataSharing.Common;
using DataSharing.Departments;
using DataSharing.Federation;
using Orleans.Concurrency;

namespace DataSharing.Assessment;

[StatelessWorker, Reentrant]
public sealed class AssessmentGrain(IAssessmentStore store, CalendarCache calendar, FederationRouting routing, TimeProvider time) : Grain, IAssessmentGrain
{
    public async Task Record(AssessedCase assessed)
    {
        // Art 42 assesses how long conditional requests took to answer (Art 25): counted once, when the case reports
        // its answer, so that the assessment itself is a query and never a pass over a year of answers.
        if (assessed is { Kind: CaseKinds.ShareRequest, AnsweredOn: { } answered })
        {
            assessed = assessed with { AnswerWorkingDays = await calendar.WorkingDaysBetween(assessed.ReceivedOn, answered) };
        }

        if (routing.ReportsUpTo(assessed.Department) is { } province)
        {
            await ReportUp(assessed, province);
        }

        await store.Record(assessed);
    }

    public Task<IReadOnlyList<DepartmentAssessment>> Assess(IReadOnlyList<string> departments, int year) => store.Assess(departments, year);

    public Task<IReadOnlyList<DailyAnswers>> AnswersByDay(string kind, DateOnly from, DateOnly until)
    {
        DateRange.Validate(from, until);
        return store.AnswersByDay(kind, from, until);
    }

    /// <summary>
    /// Art 42 across levels: a city's own departments' facts go up to the province's assessment too. Handed to the
    /// link before the store takes the fact, so the store holding it marks that the link took it: a case reports its
    /// fact after every write and on every activation, and an unchanged one (or an older version) sends nothing; a
    /// report cut short before the store took it (the case retries until it does) hands it over again, kept once by id.
    /// </summary>
    private async Task ReportUp(AssessedCase assessed, string province)
    {
        if (await store.Find(assessed.Kind, assessed.CaseId) is { } known && (known.Version > assessed.Version || known == assessed))
        {
            return;
        }

        var department = await GrainFactory.GetGrain<IDepartmentGrain>(assessed.Department).GetProfile();
        await GrainFactory.GetGrain<IFederationLinkGrain>(province).Enqueue(
            FederationEffects.AssessmentReported(routing.LocalPlatform!, province, new AssessmentReport(assessed, department), time.GetUtcNow()));
    }
}

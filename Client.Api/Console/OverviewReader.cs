using DataSharing.Assessment;
using DataSharing.Cases;
using DataSharing.Common;
using DataSharing.Departments;
using DataSharing.Sharing;

namespace DataSharing.Api.Console;

/// <summary>
/// Builds the overview from the stores every time it is asked (the stream only says when to ask again): counts of the
/// open cases grouped in the stores, the soonest due rows of the share-request and case lists, the assessment facts
/// and violations by day for the weekly series.
/// </summary>
public sealed class OverviewReader(IGrainFactory grains, DeadlineDistance deadlines)
{
    /// <summary>The kinds of case, besides share requests, that the case lists hold.</summary>
    public static readonly string[] ListedKinds =
    [
        CaseKinds.Review, CaseKinds.CatalogChange, CaseKinds.RectificationNotice, CaseKinds.Conflict,
        CaseKinds.PersonalizedCatalogRequest, CaseKinds.IncidentNotice, CaseKinds.EmergencyOpening, CaseKinds.OpenDataApplication,
    ];

    public const int Weeks = 8;

    /// <summary>Rows each list of the overview shows, soonest due first; its counters count them all.</summary>
    public const int Shown = 50;

    public async Task<OverviewModel> Read()
    {
        var now = deadlines.Now;
        var today = deadlines.Today;
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var bounds = new DueBounds(now, ShanghaiTime.EndOf(today), ShanghaiTime.EndOf(monday.AddDays(6)));
        var requests = grains.GetGrain<IShareRequestQueryGrain>(0);
        var lists = grains.GetGrain<ICaseListGrain>(0);

        // Counts by grouped queries over the open cases; rows from the head of each list sorted by deadline: the cost
        // follows what is open and what is shown, never the cases that have ended.
        var counts = (await requests.CountOpen(bounds)).Concat(await lists.CountOpen(ListedKinds, bounds)).ToList();
        var heads = new List<OpenCase>();
        foreach (var page in new[] { requests.Overdue(new PageRequest(Shown)), requests.Awaiting(new PageRequest(Shown)) })
        {
            heads.AddRange((await page).Items.Select(r => new OpenCase(CaseKinds.ShareRequest, r.Id, r.EntryName, r.Status.ToString(), r.ProviderDepartment, r.DueAt)));
        }

        foreach (var page in await Task.WhenAll(ListedKinds.Select(kind => lists.List(new CaseListQuery(kind, Open: true), new PageRequest(Shown)))))
        {
            heads.AddRange(page.Items.Select(r => new OpenCase(r.Kind, r.Id, r.Title, r.Status, r.Departments.FirstOrDefault() ?? "", r.DueAt)));
        }

        var dated = heads.Where(c => c.DueAt is not null).OrderBy(c => c.DueAt).ThenBy(c => c.Id, StringComparer.Ordinal).ToList();
        var pending = dated.Where(c => c.DueAt > now).ToList();
        return new OverviewModel(
            counts.GroupBy(c => (c.Kind, c.Status)).Select(g => new OpenCount(g.Key.Kind, g.Key.Status, g.Sum(c => c.Open)))
                .OrderBy(c => c.Kind).ThenBy(c => c.Status).ToList(),
            new OverviewTotals(counts.Sum(c => c.Open), counts.Sum(c => c.DueToday), counts.Sum(c => c.DueThisWeek), counts.Sum(c => c.Overdue)),
            pending.Where(c => c.DueAt <= bounds.TodayEnds).Take(Shown).ToList(),
            pending.Where(c => c.DueAt <= bounds.WeekEnds).Take(Shown).ToList(),
            dated.Where(c => c.DueAt <= now).Take(Shown).ToList(),
            counts.Where(c => c.Overdue > 0).GroupBy(c => c.Department).Select(g => (g.Key, g.Sum(c => c.Overdue)))
                .OrderByDescending(g => g.Item2).ThenBy(g => g.Key, StringComparer.Ordinal).ToList(),
            await WeeklyAnswers(monday));
    }

    /// <summary>
    /// The last <see cref="Weeks"/> weeks (Monday to Sunday) of share-request answers (on time or not, from the
    /// assessment facts by answer date) and of requests turned overdue (their Art 43(4) violations by the day found):
    /// two index ranges of the days shown, whatever the size of the logs.
    /// </summary>
    /// <param name="monday">The first day of this week.</param>
    private async Task<IReadOnlyList<WeekPoint>> WeeklyAnswers(DateOnly monday)
    {
        var first = monday.AddDays(-7 * (Weeks - 1));
        var until = monday.AddDays(7);
        var answers = grains.GetGrain<IAssessmentGrain>(0).AnswersByDay(CaseKinds.ShareRequest, first, until);
        var overdue = grains.GetGrain<IViolationLogGrain>(0).CountByDay(CaseKinds.ShareRequest, ViolationRecord.NotInTime, first, until);
        var weeks = new (int Answered, int OnTime, int Overdue)[Weeks];
        int WeekOf(DateOnly day) => (day.DayNumber - first.DayNumber) / 7;
        foreach (var day in await answers)
        {
            ref var week = ref weeks[WeekOf(day.Day)];
            week = (week.Answered + day.Answered, week.OnTime + day.OnTime, week.Overdue);
        }

        foreach (var day in await overdue)
        {
            ref var week = ref weeks[WeekOf(day.Day)];
            week = week with { Overdue = week.Overdue + day.Count };
        }

        return weeks.Select((w, i) => new WeekPoint(first.AddDays(7 * i), w.Answered, w.OnTime, w.Overdue)).ToList();
    }
}

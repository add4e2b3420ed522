using DataSharing.Assessment;
using DataSharing.Cases;
using DataSharing.Common;
using DataSharing.Departments;
using DataSharing.Sharing;

namespace DataSharing.Api.Console;

/// <summary>
/// Builds the overview from the stores every time it is asked (the stream only says when to ask again): the inbox of
/// every department for share requests, the case lists for the other kinds, the assessment facts and violations by
/// day for the weekly series.
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

    public async Task<OverviewModel> Read()
    {
        var open = new List<OpenCase>();
        open.AddRange(await OpenShareRequests());
        foreach (var kind in ListedKinds)
        {
            var rows = await grains.GetGrain<ICaseListGrain>(0).List(new CaseListQuery(kind, Open: true), new PageRequest(PageRequest.MaxLimit));
            open.AddRange(rows.Items.Select(r => new OpenCase(r.Kind, r.Id, r.Title, r.Status, r.Departments.FirstOrDefault() ?? "", r.DueAt)));
        }

        var now = deadlines.Now;
        var today = deadlines.Today;
        var weekEnd = today.AddDays(7 - ((int)today.DayOfWeek + 6) % 7 - 1);
        var dated = open.Where(c => c.DueAt is not null).OrderBy(c => c.DueAt).ToList();
        var overdue = dated.Where(c => c.DueAt <= now).ToList();
        var pending = dated.Where(c => c.DueAt > now).ToList();
        return new OverviewModel(
            open.GroupBy(c => (c.Kind, c.Status)).Select(g => new OpenCount(g.Key.Kind, g.Key.Status, g.Count())).OrderBy(c => c.Kind).ThenBy(c => c.Status).ToList(),
            pending.Where(c => DueDate(c) == today).ToList(),
            pending.Where(c => DueDate(c) <= weekEnd).ToList(),
            overdue,
            overdue.GroupBy(c => c.Department).Select(g => (g.Key, g.Count())).OrderByDescending(g => g.Item2).ToList(),
            await WeeklyAnswers(today));
    }

    /// <summary>The date a deadline ends (its instant is 24:00 of that date).</summary>
    private static DateOnly DueDate(OpenCase c) => ShanghaiTime.DateOf(c.DueAt!.Value - TimeSpan.FromTicks(1));

    private async Task<List<OpenCase>> OpenShareRequests()
    {
        var open = new List<OpenCase>();
        var directory = grains.GetGrain<IDepartmentDirectoryGrain>(IDepartmentDirectoryGrain.Key);
        for (var page = new PageRequest(PageRequest.MaxLimit); ;)
        {
            var departments = await directory.List(page);
            var inboxes = await Task.WhenAll(departments.Items.Select(d =>
                grains.GetGrain<IShareRequestQueryGrain>(0).Inbox(d.Code, new PageRequest(PageRequest.MaxLimit))));
            open.AddRange(inboxes.SelectMany(i => i.Items).Select(r => new OpenCase(CaseKinds.ShareRequest, r.Id, r.EntryName, r.Status.ToString(), r.ProviderDepartment, r.DueAt)));
            if (departments.Next is null)
            {
                return open;
            }

            page = page with { After = departments.Next };
        }
    }

    /// <summary>
    /// The last <see cref="Weeks"/> weeks (Monday to Sunday) of share-request answers (on time or not, from the
    /// assessment facts by answer date) and of requests turned overdue (their Art 43(4) violations by the day found):
    /// two index ranges of the days shown, whatever the size of the logs.
    /// </summary>
    private async Task<IReadOnlyList<WeekPoint>> WeeklyAnswers(DateOnly today)
    {
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
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

using DataSharing.Audit;
using DataSharing.Cases;
using DataSharing.Common;
using DataSharing.Departments;
using DataSharing.Sharing;

namespace DataSharing.Api.Console;

/// <summary>
/// Builds the overview from the stores every time it is asked (the stream only says when to ask again): the inbox of
/// every department for share requests, the case lists for the other kinds, the audit log for the weekly series.
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

    /// <summary>How much of the audit log the weekly series reads, at most, oldest first: a longer log is cut short (see README).</summary>
    private const int AuditPages = 20;

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
    /// The last <see cref="Weeks"/> weeks (Monday to Sunday) of share-request answers and overdue turns, from the audit
    /// log: an answer is on time when its request had not turned overdue before it.
    /// </summary>
    private async Task<IReadOnlyList<WeekPoint>> WeeklyAnswers(DateOnly today)
    {
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var first = monday.AddDays(-7 * (Weeks - 1));
        var weeks = Enumerable.Range(0, Weeks).Select(i => new int[3]).ToArray();
        var turnedOverdue = new HashSet<string>();
        var after = 0L;
        for (var i = 0; i < AuditPages; i++)
        {
            var records = await grains.GetGrain<IAuditGrain>(0).Query(new AuditFilter(AfterSequence: after, Limit: PageRequest.MaxLimit));
            foreach (var entry in records.Select(r => r.Entry).Where(e => e.CaseKind == CaseKinds.ShareRequest))
            {
                var week = (ShanghaiTime.DateOf(entry.At).DayNumber - first.DayNumber) / 7;
                var counts = week is >= 0 and < Weeks ? weeks[week] : null;
                switch (entry.Action)
                {
                    case "overdue":
                        turnedOverdue.Add(entry.CaseId);
                        if (counts is not null)
                        {
                            counts[2]++;
                        }

                        break;
                    case "approve" or "refuse" when counts is not null:
                        counts[0]++;
                        counts[1] += turnedOverdue.Contains(entry.CaseId) ? 0 : 1;
                        break;
                }
            }

            if (records.Count < PageRequest.MaxLimit)
            {
                break;
            }

            after = records[^1].Sequence;
        }

        return weeks.Select((c, i) => new WeekPoint(first.AddDays(7 * i), c[0], c[1], c[2])).ToList();
    }
}

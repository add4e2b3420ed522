using DataSharing.Common;

namespace DataSharing.Cases;

/// <summary>
/// The embedded-mode case lists: the rows in memory with one sorted index per list and filter (a kind for one
/// department or all; all of it, the open or closed cases, or one status), so an upsert costs O(d log n) for a case of
/// d departments and a page O(log n + limit), however many cases there are.
/// </summary>
public sealed class InMemoryCaseListStore : ICaseListStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Kind, string Id), CaseSummary> _rows = new();
    private readonly Dictionary<(string Kind, string? Department, string Filter), SortedSet<ListKey>> _lists = new();

    public Task Upsert(CaseSummary row)
    {
        lock (_gate)
        {
            if (_rows.TryGetValue((row.Kind, row.Id), out var known))
            {
                if (known.Version >= row.Version)
                {
                    return Task.CompletedTask;
                }

                foreach (var list in ListsOf(known))
                {
                    _lists.GetValueOrDefault(list)?.Remove(KeyOf(known));
                }
            }

            _rows[(row.Kind, row.Id)] = row;
            foreach (var list in ListsOf(row))
            {
                _lists.IndexOf(list, ListKey.Order).Add(KeyOf(row));
            }
        }

        return Task.CompletedTask;
    }

    public Task<Page<CaseSummary>> List(CaseListQuery query, PageRequest page)
    {
        var after = CaseListCursor.After(query, page) is { } cursor ? new ListKey(TicksOf(cursor.DueAt), cursor.Id) : (ListKey?)null;
        lock (_gate)
        {
            // The narrowest index answers; a status implies its openness, so "open" rarely filters anything there.
            var filter = query.Status is { } status ? StatusFilter(status) : query.Open is { } open ? OpenFilter(open) : "";
            var rows = _lists.GetValueOrDefault((query.Kind, query.Department, filter))
                .Following(after, page.Limit + 1, k => query.Open is not { } open || _rows[(query.Kind, k.Id)].Open == open)
                .Select(k => _rows[(query.Kind, k.Id)])
                .ToList();
            return Task.FromResult(Page<CaseSummary>.Of(rows, page.Limit, CaseListCursor.Of));
        }
    }

    public Task<CaseSummary?> Find(string kind, string id)
    {
        lock (_gate)
        {
            return Task.FromResult(_rows.GetValueOrDefault((kind, id)));
        }
    }

    public Task<IReadOnlyList<OpenCaseCount>> CountOpen(IReadOnlyList<string> kinds, DueBounds bounds)
    {
        // A pass over each kind's open list, not over every case there was.
        var tally = new OpenCaseTally(bounds);
        lock (_gate)
        {
            foreach (var kind in kinds.Distinct())
            {
                foreach (var row in (_lists.GetValueOrDefault((kind, null, OpenFilter(true))) ?? []).Select(k => _rows[(kind, k.Id)]))
                {
                    tally.Add(kind, row.Status, row.Departments.FirstOrDefault() ?? "", row.DueAt);
                }
            }
        }

        return Task.FromResult(tally.Counts());
    }

    /// <summary>Every list the row is in: for each of its departments and for all departments, unfiltered and by openness and status.</summary>
    private static IEnumerable<(string Kind, string? Department, string Filter)> ListsOf(CaseSummary row) =>
        row.Departments.Distinct().Append(null).SelectMany(d => new[]
        {
            (row.Kind, d, ""), (row.Kind, d, OpenFilter(row.Open)), (row.Kind, d, StatusFilter(row.Status)),
        });

    private static string OpenFilter(bool open) => open ? "open" : "closed";

    private static string StatusFilter(string status) => $"status:{status.ToLowerInvariant()}";

    private static ListKey KeyOf(CaseSummary row) => new(TicksOf(row.DueAt), row.Id);

    private static long TicksOf(DateTimeOffset? dueAt) => dueAt?.UtcTicks ?? long.MaxValue;

    /// <summary>A case's place in a list: its due instant (undated last), then its id (ordinal).</summary>
    private readonly record struct ListKey(long DueTicks, string Id)
    {
        public static readonly IComparer<ListKey> Order = Comparer<ListKey>.Create((a, b) =>
            a.DueTicks != b.DueTicks ? a.DueTicks.CompareTo(b.DueTicks) : string.CompareOrdinal(a.Id, b.Id));
    }
}

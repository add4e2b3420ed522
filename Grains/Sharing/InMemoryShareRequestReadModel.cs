using DataSharing.Cases;
using DataSharing.Common;

namespace DataSharing.Sharing;

/// <summary>
/// The embedded-mode read model: the rows in memory with one sorted index per list, so an upsert costs O(log n) and a
/// page O(log n + limit), however many requests there are. Embedded mode keeps everything in memory (a restart loses
/// the cases too), so this is as durable as what it lists.
/// </summary>
public sealed class InMemoryShareRequestReadModel : IShareRequestReadModel
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ShareRequestSummary> _rows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedSet<ListKey>> _inboxes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedSet<ListKey>> _outboxes = new(StringComparer.Ordinal);
    private readonly SortedSet<ListKey> _overdue = new(ListKey.Order);
    private readonly SortedSet<ListKey> _awaiting = new(ListKey.Order);
    private readonly Dictionary<(string Requester, string Entry, string Scenario), HashSet<string>> _grants = new();
    // Per entry, the departments holding a grant and how many grants each holds (a department leaves when its last ends).
    private readonly Dictionary<string, SortedDictionary<string, int>> _holders = new(StringComparer.Ordinal);

    public Task Upsert(ShareRequestSummary row)
    {
        lock (_gate)
        {
            if (_rows.TryGetValue(row.Id, out var known))
            {
                if (known.Version > row.Version || known == row)
                {
                    return Task.CompletedTask;
                }

                Unindex(known);
            }

            _rows[row.Id] = row;
            Index(row);
        }

        return Task.CompletedTask;
    }

    public Task<Page<ShareRequestSummary>> Inbox(string provider, PageRequest page) =>
        Task.FromResult(Read(_inboxes.GetValueOrDefault(provider), page, ByDue));

    public Task<Page<ShareRequestSummary>> Outbox(string requester, PageRequest page) =>
        Task.FromResult(Read(_outboxes.GetValueOrDefault(requester), page, NewestFirst));

    public Task<Page<ShareRequestSummary>> Overdue(PageRequest page) => Task.FromResult(Read(_overdue, page, ByDue));

    public Task<Page<ShareRequestSummary>> Awaiting(PageRequest page) => Task.FromResult(Read(_awaiting, page, ByDue));

    public Task<IReadOnlyList<OpenCaseCount>> CountOpen(DueBounds bounds)
    {
        // The inboxes hold exactly the open requests: a pass over them, not over every request there was.
        var tally = new OpenCaseTally(bounds);
        lock (_gate)
        {
            foreach (var row in _inboxes.Values.SelectMany(inbox => inbox).Select(k => _rows[k.Id]))
            {
                tally.Add(CaseKinds.ShareRequest, row.Status.ToString(), row.ProviderDepartment, row.DueAt);
            }
        }

        return Task.FromResult(tally.Counts());
    }

    public Task<IReadOnlyList<ShareRequestSummary>> Grants(string requester, string entryCode, string scenario, int limit)
    {
        lock (_gate)
        {
            IReadOnlyList<ShareRequestSummary> found = _grants.TryGetValue((requester, entryCode, AccessRules.ScenarioKey(scenario)), out var ids)
                ? ids.Select(id => _rows[id]).OrderByDescending(r => r.Grant!.ValidTo).ThenBy(r => r.Id, StringComparer.Ordinal).Take(limit).ToList()
                : [];
            return Task.FromResult(found);
        }
    }

    public Task<Page<string>> GrantHolders(string entryCode, PageRequest page)
    {
        var after = DepartmentPages.After(page, DepartmentPages.GrantHolders);
        lock (_gate)
        {
            var departments = _holders.GetValueOrDefault(entryCode)?.Keys ?? Enumerable.Empty<string>();
            var fetched = departments.Where(d => after is null || string.CompareOrdinal(d, after) > 0).Take(page.Limit + 1).ToList();
            return Task.FromResult(DepartmentPages.Of(fetched, page, DepartmentPages.GrantHolders));
        }
    }

    private static ListKey ByDue(ShareRequestSummary row) => new(row.DueAt?.UtcTicks ?? long.MaxValue, row.Id);

    private static ListKey NewestFirst(ShareRequestSummary row) => new(-row.ReceivedAt.UtcTicks, row.Id);

    private Page<ShareRequestSummary> Read(SortedSet<ListKey>? index, PageRequest page, Func<ShareRequestSummary, ListKey> keyOf)
    {
        var after = Cursor.Parts(page.After, 2) is { } parts ? new ListKey(Cursor.Long(parts[0]), parts[1]) : (ListKey?)null;
        lock (_gate)
        {
            var rows = index.Following(after, page.Limit + 1).Select(k => _rows[k.Id]).ToList();
            return Page<ShareRequestSummary>.Of(rows, page.Limit, r => Cursor.Of(Cursor.Of(keyOf(r).Sort), r.Id));
        }
    }

    private void Index(ShareRequestSummary row)
    {
        if (ShareRequestStateMachine.AwaitsAnswer(row.Status))
        {
            _inboxes.IndexOf(row.ProviderDepartment, ListKey.Order).Add(ByDue(row));
        }

        if (row.Status == ShareRequestStatus.Overdue)
        {
            _overdue.Add(ByDue(row));
        }

        if (row.Status == ShareRequestStatus.AwaitingProvider)
        {
            _awaiting.Add(ByDue(row));
        }

        _outboxes.IndexOf(row.RequesterDepartment, ListKey.Order).Add(NewestFirst(row));
        if (row is { Status: ShareRequestStatus.Granted, Grant: { } grant })
        {
            var key = (row.RequesterDepartment, row.EntryCode, AccessRules.ScenarioKey(grant.Scenario));
            if (!_grants.TryGetValue(key, out var ids))
            {
                _grants[key] = ids = new(StringComparer.Ordinal);
            }

            ids.Add(row.Id);
            var holders = _holders.TryGetValue(row.EntryCode, out var known) ? known : _holders[row.EntryCode] = new(StringComparer.Ordinal);
            holders[row.RequesterDepartment] = holders.GetValueOrDefault(row.RequesterDepartment) + 1;
        }
    }

    private void Unindex(ShareRequestSummary row)
    {
        _inboxes.GetValueOrDefault(row.ProviderDepartment)?.Remove(ByDue(row));
        _overdue.Remove(ByDue(row));
        _awaiting.Remove(ByDue(row));
        _outboxes.GetValueOrDefault(row.RequesterDepartment)?.Remove(NewestFirst(row));
        if (row.Grant is { } grant && _grants.GetValueOrDefault((row.RequesterDepartment, row.EntryCode, AccessRules.ScenarioKey(grant.Scenario)))?.Remove(row.Id) == true
            && _holders.GetValueOrDefault(row.EntryCode) is { } holders && holders.TryGetValue(row.RequesterDepartment, out var count))
        {
            if (count > 1)
            {
                holders[row.RequesterDepartment] = count - 1;
            }
            else
            {
                holders.Remove(row.RequesterDepartment);
            }
        }
    }

    /// <summary>A row's place in one list: its sort value, then its id (ordinal) to break ties.</summary>
    private readonly record struct ListKey(long Sort, string Id)
    {
        public static readonly IComparer<ListKey> Order = Comparer<ListKey>.Create((a, b) =>
            a.Sort != b.Sort ? a.Sort.CompareTo(b.Sort) : string.CompareOrdinal(a.Id, b.Id));
    }
}

using DataSharing.Common;

namespace DataSharing.Departments;

/// <summary>
/// The embedded-mode violation records, with one index newest first for all of them and one per department: recording
/// costs O(log n), a page O(log n + limit), a count by day O(days).
/// </summary>
public sealed class InMemoryViolationStore : IViolationStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ViolationRecord> _records = new(StringComparer.Ordinal);
    private readonly SortedSet<ListKey> _all = new(ListKey.NewestFirst);
    private readonly Dictionary<string, SortedSet<ListKey>> _byDepartment = new(StringComparer.Ordinal);
    private readonly Dictionary<(string CaseKind, string Article, DateOnly Day), int> _perDay = new();

    public Task Record(ViolationRecord violation)
    {
        lock (_gate)
        {
            if (_records.TryAdd(violation.Id, violation))
            {
                _all.Add(KeyOf(violation));
                _byDepartment.IndexOf(violation.Department, ListKey.NewestFirst).Add(KeyOf(violation));
                var day = (violation.CaseKind, violation.Article, ShanghaiTime.DateOf(violation.RecordedAt));
                _perDay[day] = _perDay.GetValueOrDefault(day) + 1;
            }
        }

        return Task.CompletedTask;
    }

    public Task<Page<ViolationRecord>> List(string? department, PageRequest page)
    {
        var after = ViolationCursor.After(page) is { } cursor ? new ListKey(cursor.RecordedAt.UtcTicks, cursor.Id) : (ListKey?)null;
        lock (_gate)
        {
            var index = department is null ? _all : _byDepartment.GetValueOrDefault(department);
            var records = index.Following(after, page.Limit + 1).Select(k => _records[k.Id]).ToList();
            return Task.FromResult(Page<ViolationRecord>.Of(records, page.Limit, ViolationCursor.Of));
        }
    }

    public Task<IReadOnlyList<DailyCount>> CountByDay(string caseKind, string article, DateOnly from, DateOnly until)
    {
        lock (_gate)
        {
            var days = new List<DailyCount>();
            for (var day = from; day < until; day = day.AddDays(1))
            {
                if (_perDay.TryGetValue((caseKind, article, day), out var count))
                {
                    days.Add(new DailyCount(day, count));
                }
            }

            return Task.FromResult<IReadOnlyList<DailyCount>>(days);
        }
    }

    private static ListKey KeyOf(ViolationRecord violation) => new(violation.RecordedAt.UtcTicks, violation.Id);

    private readonly record struct ListKey(long RecordedTicks, string Id)
    {
        public static readonly IComparer<ListKey> NewestFirst = Comparer<ListKey>.Create((a, b) =>
            a.RecordedTicks != b.RecordedTicks ? b.RecordedTicks.CompareTo(a.RecordedTicks) : string.CompareOrdinal(b.Id, a.Id));
    }
}

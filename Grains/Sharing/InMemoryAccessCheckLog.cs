using DataSharing.Audit;
using DataSharing.Common;

namespace DataSharing.Sharing;

/// <summary>
/// The embedded-mode access-check log: each department's day is a list appended in O(1), read by position. A check is
/// appended under the audit chain's lock together with its audit entry.
/// </summary>
public sealed class InMemoryAccessCheckLog(InMemoryAuditLog audit) : IAccessCheckLog
{
    private readonly Dictionary<(string Department, DateOnly Day), List<AccessCheckRecord>> _days = new();
    // Per entry, each department's allowed checks in the order they were made (the instants only), for Art 41 notices.
    private readonly Dictionary<string, SortedDictionary<string, List<DateTimeOffset>>> _uses = new(StringComparer.Ordinal);

    public Task Record(AccessCheckRecord check, AuditEntry entry)
    {
        audit.Append([entry], () =>
        {
            var key = (check.Request.Department, ShanghaiTime.DateOf(check.CheckedAt));
            if (!_days.TryGetValue(key, out var day))
            {
                _days[key] = day = [];
            }

            day.Add(check);
            if (check.Decision.Allowed)
            {
                var users = _uses.TryGetValue(check.Request.EntryCode, out var known) ? known : _uses[check.Request.EntryCode] = new(StringComparer.Ordinal);
                if (!users.TryGetValue(check.Request.Department, out var instants))
                {
                    users[check.Request.Department] = instants = [];
                }

                // Checks taken concurrently may arrive a little out of order: each goes to its place, nearly always the end.
                var at = instants.BinarySearch(check.CheckedAt);
                instants.Insert(at >= 0 ? at : ~at, check.CheckedAt);
            }
        });
        return Task.CompletedTask;
    }

    public Task<Page<AccessCheckRecord>> List(string department, DateOnly day, PageRequest page)
    {
        // A day's list only grows, so a position in it is a stable cursor.
        var start = Cursor.Parts(page.After, 1) is { } parts ? Cursor.Long(parts[0]) : 0;
        return Task.FromResult(audit.Read(() =>
        {
            if (!_days.TryGetValue((department, day), out var checks) || start < 0 || start >= checks.Count)
            {
                return Page<AccessCheckRecord>.Empty;
            }

            var slice = checks.GetRange((int)start, (int)Math.Min(page.Limit + 1L, checks.Count - start));
            var next = slice.Count > page.Limit ? Cursor.Of(Cursor.Of(start + page.Limit)) : null;
            return new Page<AccessCheckRecord>(slice.Take(page.Limit).ToList(), next);
        }));
    }

    public Task<Page<string>> Users(string entryCode, DateTimeOffset from, DateTimeOffset to, PageRequest page)
    {
        var after = DepartmentPages.After(page, DepartmentPages.EntryUsers);
        return Task.FromResult(audit.Read(() =>
        {
            var fetched = (_uses.GetValueOrDefault(entryCode) ?? [])
                .Where(user => after is null || string.CompareOrdinal(user.Key, after) > 0)
                .Where(user => UsedWithin(user.Value, from, to))
                .Select(user => user.Key)
                .Take(page.Limit + 1)
                .ToList();
            return DepartmentPages.Of(fetched, page, DepartmentPages.EntryUsers);
        }));
    }

    /// <summary>The instants are kept in order, so the first at or after <paramref name="from"/> is found by halving.</summary>
    private static bool UsedWithin(List<DateTimeOffset> instants, DateTimeOffset from, DateTimeOffset to)
    {
        var at = instants.BinarySearch(from);
        // An exact hit is a use at from itself; otherwise the next one (if any) is the first use after from.
        return at >= 0 ? from < to : ~at < instants.Count && instants[~at] < to;
    }
}

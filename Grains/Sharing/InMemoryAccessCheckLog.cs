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
}

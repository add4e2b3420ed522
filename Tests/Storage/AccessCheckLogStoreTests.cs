using DataSharing.Audit;
using DataSharing.Common;
using DataSharing.Sharing;

namespace DataSharing.Tests.Storage;

/// <summary>Art 21, 38: each access check is kept with its audit entry and listed per department and day, in order.</summary>
public sealed class AccessCheckLogStoreTests
{
    [Theory]
    [MemberData(nameof(StoreBackends.Kinds), MemberType = typeof(StoreBackends))]
    public async Task Art21_checks_are_kept_with_their_audit_entry_and_listed_by_department_and_day_in_pages(string kind)
    {
        await using var stores = await StoreBackends.Create(kind);
        var day = new DateOnly(2026, 11, 25);
        var start = ShanghaiTime.StartOf(day);
        var by = new Actor("op@340000-RS", Role.DepartmentOperator, "340000-RS");
        for (var i = 0; i < 9; i++)
        {
            // Minutes apart, the last one on the next day in Shanghai.
            var at = start.AddMinutes(i == 8 ? 24 * 60 + 1 : i);
            var check = new AccessCheckRecord($"AC-{i}", new AccessCheckRequest("340000-RS", "340000-GA-0002", ["idNumber"], "bench"),
                new AccessDecision(i % 2 == 0, "reason", "SR-1", []), at, by);
            await stores.AccessChecks.Record(check, new AuditEntry(check.Id, at, by, ["340000-RS", "340000-GA"], "AccessCheck", check.Id, "access-check", null, "x"));
        }

        var listed = new List<AccessCheckRecord>();
        for (string? after = null; ;)
        {
            var page = await stores.AccessChecks.List("340000-RS", day, new PageRequest(3, after));
            listed.AddRange(page.Items);
            if (page.Next is null)
            {
                break;
            }

            after = page.Next;
        }

        Assert.Equal(Enumerable.Range(0, 8).Select(i => $"AC-{i}"), listed.Select(c => c.Id));
        Assert.Equal([true, false], listed.Take(2).Select(c => c.Decision.Allowed));
        Assert.Equal("AC-8", Assert.Single((await stores.AccessChecks.List("340000-RS", day.AddDays(1), PageRequest.First)).Items).Id);
        Assert.Empty((await stores.AccessChecks.List("340000-GA", day, PageRequest.First)).Items);
        Assert.Equal(9, (await stores.Audit.Query(new AuditFilter(Department: "340000-GA"))).Count);
    }
}

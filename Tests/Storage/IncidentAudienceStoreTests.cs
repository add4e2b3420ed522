using DataSharing.Audit;
using DataSharing.Catalog;
using DataSharing.Common;
using DataSharing.Sharing;

namespace DataSharing.Tests.Storage;

/// <summary>
/// Art 41 on both stores: the departments an incident on an entry may affect, those holding a grant of it and those that
/// used it in a period, each a page of codes in ordinal order.
/// </summary>
public sealed class IncidentAudienceStoreTests
{
    private static async Task<List<string>> All(Func<PageRequest, Task<Page<string>>> list, int limit)
    {
        var codes = new List<string>();
        for (string? after = null; ;)
        {
            var page = await list(new PageRequest(limit, after));
            Assert.True(page.Items.Count <= limit);
            codes.AddRange(page.Items);
            if (page.Next is null)
            {
                return codes;
            }

            after = page.Next;
        }
    }

    private static ShareRequestSummary Row(string id, string requester, string entry, ShareRequestStatus status, int version) =>
        new(id, requester, "340000-GA", entry, "Identity card validity", ShareType.Unconditional, status,
            new DateTimeOffset(2026, 9, 24, 2, 0, 0, TimeSpan.Zero), null, null, false, version,
            new ShareGrant(["idNumber"], "Checks", new(2026, 9, 24), new(2027, 9, 23), new DateTimeOffset(2026, 9, 24, 2, 0, 0, TimeSpan.Zero)));

    [Theory]
    [MemberData(nameof(StoreBackends.Kinds), MemberType = typeof(StoreBackends))]
    public async Task Art41_the_grant_holders_of_an_entry_are_the_departments_with_a_granted_request_by_code_in_pages(string kind)
    {
        await using var stores = await StoreBackends.Create(kind);
        var departments = new[] { "340000-ZR", "340000-RS", "340100-GA", "340000-SC", "340000-a", "340000-B" };
        foreach (var (department, i) in departments.Select((d, i) => (d, i)))
        {
            await stores.ShareRequests.Upsert(Row($"SR-h{i}", department, "340000-GA-0002", ShareRequestStatus.Granted, 1));
        }

        // A second grant counts the department once; a revoked one and another entry's do not count.
        await stores.ShareRequests.Upsert(Row("SR-h0b", "340000-ZR", "340000-GA-0002", ShareRequestStatus.Granted, 1));
        await stores.ShareRequests.Upsert(Row("SR-h1", "340000-RS", "340000-GA-0002", ShareRequestStatus.Revoked, 2));
        await stores.ShareRequests.Upsert(Row("SR-other", "340000-SJ", "340000-GA-0001", ShareRequestStatus.Granted, 1));

        var holders = await All(p => stores.ShareRequests.GrantHolders("340000-GA-0002", p), 2);
        Assert.Equal(["340000-B", "340000-SC", "340000-ZR", "340000-a", "340100-GA"], holders);

        // The other grant of ZR ends too: ZR holds nothing more.
        await stores.ShareRequests.Upsert(Row("SR-h0", "340000-ZR", "340000-GA-0002", ShareRequestStatus.Revoked, 2));
        Assert.Contains("340000-ZR", await All(p => stores.ShareRequests.GrantHolders("340000-GA-0002", p), 10));
        await stores.ShareRequests.Upsert(Row("SR-h0b", "340000-ZR", "340000-GA-0002", ShareRequestStatus.Expired, 2));
        Assert.DoesNotContain("340000-ZR", await All(p => stores.ShareRequests.GrantHolders("340000-GA-0002", p), 10));

        Assert.Empty((await stores.ShareRequests.GrantHolders("340000-XX-0001", PageRequest.First)).Items);
        // Another list's cursor is refused.
        var other = await Assert.ThrowsAsync<ValidationFailedException>(async () => await stores.ShareRequests.GrantHolders("340000-GA-0002",
            new PageRequest(2, Cursor.For(DepartmentPages.EntryUsers, "340000-B"))));
        Assert.Equal("after", other.Field);
    }

    [Theory]
    [MemberData(nameof(StoreBackends.Kinds), MemberType = typeof(StoreBackends))]
    public async Task Art41_the_users_of_an_entry_in_a_period_are_the_departments_with_an_allowed_check_in_it(string kind)
    {
        await using var stores = await StoreBackends.Create(kind);
        var start = new DateTimeOffset(2026, 9, 24, 10, 0, 0, ShanghaiTime.Offset);
        var n = 0;
        async Task Check(string department, string entry, TimeSpan after, bool allowed)
        {
            var by = new Actor($"op@{department}", Role.DepartmentOperator, department);
            var at = start + after;
            var check = new AccessCheckRecord($"AC-{n++}", new AccessCheckRequest(department, entry, ["idNumber"], "Checks"),
                new AccessDecision(allowed, "reason", null, []), at, by);
            await stores.AccessChecks.Record(check, new AuditEntry(check.Id, at, by, [department], "AccessCheck", check.Id, "access-check", null, "x"));
        }

        await Check("340000-SC", "340000-GA-0002", TimeSpan.FromMinutes(-30), allowed: true);   // before the period
        await Check("340000-RS", "340000-GA-0002", TimeSpan.Zero, allowed: true);                // at its start
        await Check("340000-RS", "340000-GA-0002", TimeSpan.FromMinutes(5), allowed: true);
        await Check("340000-ZR", "340000-GA-0002", TimeSpan.FromMinutes(10), allowed: false);   // denied: used nothing
        await Check("340100-GA", "340000-GA-0002", TimeSpan.FromMinutes(20), allowed: false);
        await Check("340100-GA", "340000-GA-0002", TimeSpan.FromMinutes(50), allowed: true);
        await Check("340000-SJ", "340000-GA-0002", TimeSpan.FromHours(1), allowed: true);       // at its end: outside
        await Check("340000-B", "340000-GA-0001", TimeSpan.FromMinutes(5), allowed: true);      // another entry

        var users = await All(p => stores.AccessChecks.Users("340000-GA-0002", start, start + TimeSpan.FromHours(1), p), 1);
        Assert.Equal(["340000-RS", "340100-GA"], users);
        Assert.Equal(["340000-SC"], await All(p => stores.AccessChecks.Users("340000-GA-0002", start - TimeSpan.FromHours(1), start - TimeSpan.FromMinutes(29), p), 5));
        Assert.Equal(["340000-RS", "340000-SC", "340000-SJ", "340100-GA"],
            await All(p => stores.AccessChecks.Users("340000-GA-0002", start - TimeSpan.FromHours(1), start + TimeSpan.FromHours(2), p), 3));
        Assert.Empty((await stores.AccessChecks.Users("340000-GA-0002", start + TimeSpan.FromHours(2), start + TimeSpan.FromHours(3), PageRequest.First)).Items);
    }
}

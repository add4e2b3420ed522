using DataSharing.Cases;
using DataSharing.Catalog;
using DataSharing.Common;
using DataSharing.Sharing;

namespace DataSharing.Tests.Storage;

/// <summary>The share-request read model on both stores: each list in its own order, paged by cursor, newest version wins.</summary>
public sealed class ShareRequestReadModelStoreTests
{
    private static readonly DateTimeOffset Received = new(2026, 9, 24, 2, 0, 0, TimeSpan.Zero);

    private static ShareRequestSummary Row(string id, ShareRequestStatus status, int version, DateTimeOffset? due = null, string provider = "340000-GA",
        string requester = "340000-RS", int minutes = 0, ShareGrant? grant = null) =>
        new(id, requester, provider, "340000-GA-0001", "Household registration", ShareType.Conditional, status, Received.AddMinutes(minutes),
            due?.ToOffset(ShanghaiTime.Offset), due is { } d ? ShanghaiTime.DateOf(d) : null, false, version, grant);

    private static async Task<List<ShareRequestSummary>> All(Func<PageRequest, Task<Page<ShareRequestSummary>>> list, int limit)
    {
        var rows = new List<ShareRequestSummary>();
        for (string? after = null; ;)
        {
            var page = await list(new PageRequest(limit, after));
            Assert.True(page.Items.Count <= limit);
            rows.AddRange(page.Items);
            if (page.Next is null)
            {
                return rows;
            }

            after = page.Next;
        }
    }

    [Theory]
    [MemberData(nameof(StoreBackends.Kinds), MemberType = typeof(StoreBackends))]
    public async Task Open_requests_are_counted_by_status_and_provider_against_the_deadline_bounds_and_awaiting_ones_listed_soonest_due(string kind)
    {
        await using var stores = await StoreBackends.Create(kind);
        var now = new DateTimeOffset(2026, 10, 14, 10, 0, 0, ShanghaiTime.Offset); // a Wednesday
        var bounds = new DueBounds(now, ShanghaiTime.EndOf(new DateOnly(2026, 10, 14)), ShanghaiTime.EndOf(new DateOnly(2026, 10, 18)));
        await stores.ShareRequests.Upsert(Row("SR-today", ShareRequestStatus.AwaitingProvider, 1, bounds.TodayEnds));
        await stores.ShareRequests.Upsert(Row("SR-sunday", ShareRequestStatus.AwaitingProvider, 1, bounds.WeekEnds));
        await stores.ShareRequests.Upsert(Row("SR-later", ShareRequestStatus.AwaitingProvider, 1, bounds.WeekEnds.AddDays(1)));
        // Due an hour ago and not yet turned overdue by its reminder: overdue all the same.
        await stores.ShareRequests.Upsert(Row("SR-lapsed", ShareRequestStatus.AwaitingProvider, 1, now.AddHours(-1), provider: "340000-SC"));
        await stores.ShareRequests.Upsert(Row("SR-overdue", ShareRequestStatus.Overdue, 2, now.AddDays(-3), provider: "340000-SC"));
        await stores.ShareRequests.Upsert(Row("SR-granted", ShareRequestStatus.Granted, 2, now.AddDays(1)));

        var counts = (await stores.ShareRequests.CountOpen(bounds)).OrderBy(c => c.Department).ThenBy(c => c.Status).ToList();
        Assert.Equal(
            [
                new OpenCaseCount(CaseKinds.ShareRequest, "AwaitingProvider", "340000-GA", 3, 0, 1, 2),
                new OpenCaseCount(CaseKinds.ShareRequest, "AwaitingProvider", "340000-SC", 1, 1, 0, 0),
                new OpenCaseCount(CaseKinds.ShareRequest, "Overdue", "340000-SC", 1, 1, 0, 0),
            ],
            counts);

        var awaiting = await All(p => stores.ShareRequests.Awaiting(p), 2);
        Assert.Equal(["SR-lapsed", "SR-today", "SR-sunday", "SR-later"], awaiting.Select(r => r.Id));
    }

    [Theory]
    [MemberData(nameof(StoreBackends.Kinds), MemberType = typeof(StoreBackends))]
    public async Task The_inbox_is_soonest_due_first_across_page_boundaries_within_equal_due_instants(string kind)
    {
        await using var stores = await StoreBackends.Create(kind);
        var due = new DateTimeOffset(2026, 10, 12, 16, 0, 0, TimeSpan.Zero);
        // Seven requests share one due instant (all received the same day), so pages of 3 split a run of equals.
        for (var i = 0; i < 7; i++)
        {
            await stores.ShareRequests.Upsert(Row($"SR-b{i}", ShareRequestStatus.AwaitingProvider, 1, due, minutes: i));
        }

        await stores.ShareRequests.Upsert(Row("SR-a", ShareRequestStatus.AwaitingProvider, 1, due.AddDays(-1)));
        await stores.ShareRequests.Upsert(Row("SR-c", ShareRequestStatus.Overdue, 2, due.AddDays(1)));
        await stores.ShareRequests.Upsert(Row("SR-granted", ShareRequestStatus.Granted, 2));
        await stores.ShareRequests.Upsert(Row("SR-other", ShareRequestStatus.AwaitingProvider, 1, due, provider: "340000-SC"));

        var inbox = await All(p => stores.ShareRequests.Inbox("340000-GA", p), 3);
        Assert.Equal(["SR-a", "SR-b0", "SR-b1", "SR-b2", "SR-b3", "SR-b4", "SR-b5", "SR-b6", "SR-c"], inbox.Select(r => r.Id));

        var overdue = await All(p => stores.ShareRequests.Overdue(p), 2);
        Assert.Equal(["SR-c"], overdue.Select(r => r.Id));

        var outbox = await All(p => stores.ShareRequests.Outbox("340000-RS", p), 4);
        Assert.Equal(11, outbox.Count);
        Assert.Equal(outbox.OrderByDescending(r => r.ReceivedAt).ThenBy(r => r.Id, StringComparer.Ordinal).Select(r => r.Id), outbox.Select(r => r.Id));
    }

    [Theory]
    [MemberData(nameof(StoreBackends.Kinds), MemberType = typeof(StoreBackends))]
    public async Task An_older_version_never_replaces_a_newer_one_and_a_row_leaves_the_lists_its_state_left(string kind)
    {
        await using var stores = await StoreBackends.Create(kind);
        var due = new DateTimeOffset(2026, 10, 12, 16, 0, 0, TimeSpan.Zero);
        var grant = new ShareGrant(["idNumber"], "Verify identity", new DateOnly(2026, 9, 24), new DateOnly(2027, 9, 23), Received);

        await stores.ShareRequests.Upsert(Row("SR-1", ShareRequestStatus.AwaitingProvider, 1, due));
        await stores.ShareRequests.Upsert(Row("SR-1", ShareRequestStatus.Granted, 2, grant: grant));
        // A late re-publication of version 1 (an activation that read old state, a reconciler) changes nothing.
        await stores.ShareRequests.Upsert(Row("SR-1", ShareRequestStatus.AwaitingProvider, 1, due));

        Assert.Empty((await stores.ShareRequests.Inbox("340000-GA", PageRequest.First)).Items);
        var granted = Assert.Single(await stores.ShareRequests.Grants("340000-RS", "340000-GA-0001", "  verify IDENTITY ", 10));
        Assert.Equal(2, granted.Version);
        Assert.Equal(grant with { DataItems = [] }, granted.Grant! with { DataItems = [] });
        Assert.Equal(grant.DataItems, granted.Grant!.DataItems);
        Assert.Empty(await stores.ShareRequests.Grants("340000-RS", "340000-GA-0001", "Marketing", 10));

        await stores.ShareRequests.Upsert(Row("SR-1", ShareRequestStatus.Revoked, 3, grant: grant));
        Assert.Empty(await stores.ShareRequests.Grants("340000-RS", "340000-GA-0001", "Verify identity", 10));
    }

    [Theory]
    [MemberData(nameof(StoreBackends.Kinds), MemberType = typeof(StoreBackends))]
    public async Task Concurrent_upserts_go_together_and_each_row_keeps_its_newest_version(string kind)
    {
        await using var stores = await StoreBackends.Create(kind);
        var due = new DateTimeOffset(2026, 10, 12, 16, 0, 0, TimeSpan.Zero);
        var grant = new ShareGrant(["idNumber", "name"], "Verify identity", new DateOnly(2026, 9, 24), new DateOnly(2027, 9, 23), Received);

        // 300 requests, each published at versions 1 (pending) and 2 (granted) at the same moment and in any order:
        // in PostgreSQL many land in one multi-row statement, sometimes both versions of one request.
        await Task.WhenAll(Enumerable.Range(0, 300).SelectMany(i => new[]
        {
            stores.ShareRequests.Upsert(Row($"SR-c{i:D3}", ShareRequestStatus.Granted, 2, grant: grant)),
            stores.ShareRequests.Upsert(Row($"SR-c{i:D3}", ShareRequestStatus.AwaitingProvider, 1, due)),
        }).OrderBy(_ => Random.Shared.Next()));

        Assert.Empty((await stores.ShareRequests.Inbox("340000-GA", new PageRequest(PageRequest.MaxLimit))).Items);
        var outbox = await All(p => stores.ShareRequests.Outbox("340000-RS", p), 100);
        Assert.Equal(300, outbox.Count);
        Assert.All(outbox, r => Assert.Equal((ShareRequestStatus.Granted, 2), (r.Status, r.Version)));
        Assert.All(outbox, r => Assert.Equal(["idNumber", "name"], r.Grant!.DataItems));
    }

    [Theory]
    [MemberData(nameof(StoreBackends.Kinds), MemberType = typeof(StoreBackends))]
    public async Task A_cursor_that_no_list_gave_out_is_a_400_naming_after(string kind)
    {
        await using var stores = await StoreBackends.Create(kind);
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => stores.ShareRequests.Inbox("340000-GA", new PageRequest(10, "not-a-cursor")));
        Assert.Equal("after", refused.Field);
        Assert.Equal("limit", Assert.Throws<ValidationFailedException>(() => PageRequest.Of(0, null)).Field);
        Assert.Equal("limit", Assert.Throws<ValidationFailedException>(() => PageRequest.Of(PageRequest.MaxLimit + 1, null)).Field);
    }
}

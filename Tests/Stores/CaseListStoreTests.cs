using DataSharing.Cases;
using DataSharing.Common;
using DataSharing.Silo.Persistence;
using Npgsql;
using NpgsqlTypes;

namespace DataSharing.Tests.Stores;

/// <summary>What every case-list store does, run against the in-memory one and the PostgreSQL one.</summary>
public abstract class CaseListStoreContract
{
    private static readonly DateTimeOffset Opened = new(2026, 9, 24, 10, 0, 0, TimeSpan.FromHours(8));

    /// <summary>A kind of its own per test, so tests sharing a database do not see each other's rows.</summary>
    private readonly string _kind = $"Kind{Guid.NewGuid():N}";

    protected abstract ICaseListStore Store { get; }

    [Fact]
    public async Task Lists_soonest_due_first_undated_last_and_pages_through_equal_due_dates_by_id()
    {
        var due = Opened.AddDays(7);
        foreach (var row in new[]
        {
            Row("C-5", due: null), Row("C-4", due: due), Row("C-2", due: due), Row("C-3", due: due), Row("C-1", due: due.AddDays(1)),
            Row("C-0", due: due.AddDays(-1)), Row("C-6", due: null),
        })
        {
            await Store.Upsert(row);
        }

        // Pages of two: the first boundary falls between C-2 and C-3, which are due at the same instant.
        var pages = await AllPages(new CaseListQuery(_kind, "340000-GA"), limit: 2);
        Assert.Equal([["C-0", "C-2"], ["C-3", "C-4"], ["C-1", "C-5"], ["C-6"]], pages.Select(p => p.Select(r => r.Id).ToArray()));
        Assert.Equal(due, pages[0][1].DueAt);
        Assert.Null(pages[3][0].DueAt);

        // A row added behind the cursor is not served again; one added ahead of it is.
        var first = await Store.List(new CaseListQuery(_kind, "340000-GA"), new PageRequest(2));
        await Store.Upsert(Row("C-00", due: due.AddDays(-2)));
        await Store.Upsert(Row("C-22", due: due));
        var second = await Store.List(new CaseListQuery(_kind, "340000-GA"), new PageRequest(3, first.Next));
        Assert.Equal(["C-22", "C-3", "C-4"], second.Items.Select(r => r.Id));
    }

    [Fact]
    public async Task A_department_lists_its_own_cases_and_oversight_every_department_s_once()
    {
        await Store.Upsert(Row("C-1", departments: ["340000-GA", "340000-RS"]));
        await Store.Upsert(Row("C-2", departments: ["340000-RS"]));
        await Store.Upsert(Row("C-3", departments: ["340000-GA", "340000-GA"]));

        Assert.Equal(["C-1", "C-3"], await Ids(new CaseListQuery(_kind, "340000-GA")));
        Assert.Equal(["C-1", "C-2"], await Ids(new CaseListQuery(_kind, "340000-RS")));
        Assert.Equal(["C-1", "C-2", "C-3"], await Ids(new CaseListQuery(_kind)));
        Assert.Empty(await Ids(new CaseListQuery(_kind, "340000-ZR")));
        Assert.Empty(await Ids(new CaseListQuery($"{_kind}-other")));

        // A newer version that concerns other departments leaves the lists of the ones it no longer concerns.
        await Store.Upsert(Row("C-1", version: 2, departments: ["340000-ZR"]));
        Assert.Equal(["C-3"], await Ids(new CaseListQuery(_kind, "340000-GA")));
        Assert.Equal(["C-1"], await Ids(new CaseListQuery(_kind, "340000-ZR")));
        Assert.Equal(["C-1", "C-2", "C-3"], await Ids(new CaseListQuery(_kind)));
    }

    [Fact]
    public async Task Filters_by_status_ignoring_case_and_by_openness_page_in_the_same_order()
    {
        var due = Opened.AddDays(7);
        await Store.Upsert(Row("C-1", status: "Verifying", due: due));
        await Store.Upsert(Row("C-2", status: "Confirmed", open: false));
        await Store.Upsert(Row("C-3", status: "Verifying", due: due));
        await Store.Upsert(Row("C-4", status: "Received", due: due.AddDays(-1)));
        await Store.Upsert(Row("C-5", status: "Verifying", due: due));

        foreach (var department in new[] { "340000-GA", null })
        {
            Assert.Equal([["C-1", "C-3"], ["C-5"]],
                (await AllPages(new CaseListQuery(_kind, department, Status: "verifying"), limit: 2)).Select(p => p.Select(r => r.Id).ToArray()));
            Assert.Equal(["C-4", "C-1", "C-3", "C-5"], await Ids(new CaseListQuery(_kind, department, Open: true)));
            Assert.Equal(["C-2"], await Ids(new CaseListQuery(_kind, department, Open: false)));
            Assert.Equal(["C-2"], await Ids(new CaseListQuery(_kind, department, Status: "CONFIRMED", Open: false)));
            Assert.Empty(await Ids(new CaseListQuery(_kind, department, Status: "Confirmed", Open: true)));
        }

        // A case that closes leaves the open list and its old status's list.
        await Store.Upsert(Row("C-3", version: 2, status: "Confirmed", open: false));
        Assert.Equal(["C-4", "C-1", "C-5"], await Ids(new CaseListQuery(_kind, "340000-GA", Open: true)));
        Assert.Equal(["C-1", "C-5"], await Ids(new CaseListQuery(_kind, "340000-GA", Status: "Verifying")));
        Assert.Equal(["C-2", "C-3"], await Ids(new CaseListQuery(_kind, null, Status: "Confirmed")));
    }

    [Fact]
    public async Task An_older_version_never_replaces_a_newer_one()
    {
        await Store.Upsert(Row("C-1", version: 3, status: "Confirmed", open: false, departments: ["340000-RS"]));
        await Store.Upsert(Row("C-1", version: 2, status: "Verifying", due: Opened.AddDays(7)));
        await Store.Upsert(Row("C-1", version: 3, status: "Verifying", due: Opened.AddDays(7)));

        var row = Assert.Single((await Store.List(new CaseListQuery(_kind), PageRequest.First)).Items);
        Assert.Equal((3, "Confirmed", false, null), (row.Version, row.Status, row.Open, row.DueAt));
        Assert.Empty(await Ids(new CaseListQuery(_kind, "340000-GA")));
        Assert.Empty(await Ids(new CaseListQuery(_kind, Open: true)));
        Assert.Equal(["C-1"], await Ids(new CaseListQuery(_kind, "340000-RS", Status: "Confirmed")));
    }

    [Fact]
    public async Task A_cursor_from_another_list_is_refused_naming_after()
    {
        await Store.Upsert(Row("C-1"));
        await Store.Upsert(Row("C-2"));
        var page = await Store.List(new CaseListQuery(_kind), new PageRequest(1));
        Assert.NotNull(page.Next);

        var other = await Assert.ThrowsAsync<ValidationFailedException>(() => Store.List(new CaseListQuery($"{_kind}-other"), new PageRequest(1, page.Next)));
        Assert.Equal("after", other.Field);
        var foreign = Cursor.Of(Cursor.Of(Opened.UtcTicks), "C-1");
        Assert.Equal("after", (await Assert.ThrowsAsync<ValidationFailedException>(() => Store.List(new CaseListQuery(_kind), new PageRequest(1, foreign)))).Field);
        Assert.Equal("after", (await Assert.ThrowsAsync<ValidationFailedException>(() => Store.List(new CaseListQuery(_kind), new PageRequest(1, "not a cursor")))).Field);
    }

    [Fact]
    public async Task A_case_s_row_is_found_by_kind_and_id_in_its_newest_version()
    {
        await Store.Upsert(Row("C-1", version: 2, status: "Overdue", due: Opened.AddDays(7), departments: ["340000-GA", "340000-RS"]));
        await Store.Upsert(Row("C-1", version: 1));

        var found = await Store.Find(_kind, "C-1");
        Assert.Equal(Row("C-1", version: 2, status: "Overdue", due: Opened.AddDays(7), departments: ["340000-GA", "340000-RS"]) with { Departments = found!.Departments }, found);
        Assert.Equal(["340000-GA", "340000-RS"], found.Departments);
        Assert.Null(await Store.Find(_kind, "C-2"));
        Assert.Null(await Store.Find(_kind + "x", "C-1"));
    }

    [Fact]
    public async Task Open_cases_are_counted_by_kind_status_and_first_department_against_the_deadline_bounds()
    {
        var now = Opened.AddDays(2);
        var bounds = new DueBounds(now, ShanghaiTime.EndOf(ShanghaiTime.DateOf(now)), ShanghaiTime.EndOf(ShanghaiTime.DateOf(now).AddDays(3)));
        await Store.Upsert(Row("C-1", due: now.AddMinutes(-1), departments: ["340000-RS", "340000-GA"]));
        await Store.Upsert(Row("C-2", due: bounds.TodayEnds));
        await Store.Upsert(Row("C-3", due: bounds.WeekEnds));
        await Store.Upsert(Row("C-4", due: null));
        await Store.Upsert(Row("C-5", status: "Confirmed", open: false, due: now.AddDays(-1)));
        await Store.Upsert(Row("C-6", version: 1, due: now.AddDays(-1)));
        await Store.Upsert(Row("C-6", version: 2, status: "Confirmed", open: false, due: now.AddDays(-1)));

        var counts = (await Store.CountOpen([_kind, _kind + "-none"], bounds)).OrderBy(c => c.Department).ToList();
        Assert.Equal(
            [new OpenCaseCount(_kind, "Verifying", "340000-GA", 3, 0, 1, 2), new OpenCaseCount(_kind, "Verifying", "340000-RS", 1, 1, 0, 0)],
            counts);
    }

    private CaseSummary Row(
        string id, int version = 1, string status = "Verifying", bool open = true, DateTimeOffset? due = null, string[]? departments = null) =>
        new(id, _kind, status, $"Case {id}", departments ?? ["340000-GA"], due, Opened, Opened.AddHours(version), version, open);

    private async Task<List<string>> Ids(CaseListQuery query) => (await AllPages(query, 100)).SelectMany(p => p).Select(r => r.Id).ToList();

    private async Task<List<IReadOnlyList<CaseSummary>>> AllPages(CaseListQuery query, int limit)
    {
        var pages = new List<IReadOnlyList<CaseSummary>>();
        for (string? after = null; ;)
        {
            var page = await Store.List(query, new PageRequest(limit, after));
            pages.Add(page.Items);
            if (page.Next is null)
            {
                return pages;
            }

            after = page.Next;
        }
    }
}

public sealed class InMemoryCaseListStoreTests : CaseListStoreContract
{
    protected override ICaseListStore Store { get; } = new InMemoryCaseListStore();
}

public sealed class PostgresCaseListStoreTests(PostgresStores postgres) : CaseListStoreContract, IClassFixture<PostgresStores>
{
    protected override ICaseListStore Store { get; } = new PostgresCaseListStore(postgres.Database, postgres.Commit);

    [Fact]
    public async Task Every_list_and_filter_is_read_as_one_index_range_in_the_list_s_order()
    {
        var kind = $"Plan{Guid.NewGuid():N}";
        var opened = new DateTimeOffset(2026, 9, 24, 10, 0, 0, TimeSpan.FromHours(8));
        string[] statuses = ["Received", "Verifying", "Extended", "Confirmed", "Corrected"];
        await Task.WhenAll(Enumerable.Range(0, 4000).Select(i => Store.Upsert(new CaseSummary(
            $"C-{i:D5}", kind, statuses[i % 5], $"Case {i}", [$"34000{i % 2}-X"], i % 5 >= 3 ? null : opened.AddHours(i % 97),
            opened, opened, 1, i % 5 < 3))));
        await using (var analyze = postgres.Database.CreateCommand("ANALYZE case_rows; ANALYZE case_departments"))
        {
            await analyze.ExecuteNonQueryAsync();
        }

        foreach (var (query, index) in new (CaseListQuery, string)[]
        {
            (new(kind, "340001-X"), "case_departments_page"),
            (new(kind, "340001-X", Open: true), "case_departments_open_page"),
            (new(kind, "340001-X", Status: "Verifying"), "case_departments_status_page"),
            (new(kind), "case_rows_page"),
            (new(kind, Open: false), "case_rows_open_page"),
            (new(kind, Status: "confirmed"), "case_rows_status_page"),
        })
        {
            foreach (var afterCursor in new[] { false, true })
            {
                await using var explain = postgres.Database.CreateCommand("EXPLAIN " + PostgresCaseListStore.PageSql(query, afterCursor));
                explain.Parameters.AddWithValue("kind", query.Kind);
                explain.Parameters.AddWithValue("department", query.Department ?? "");
                explain.Parameters.AddWithValue("status", query.Status?.ToLowerInvariant() ?? "");
                explain.Parameters.AddWithValue("open", query.Open ?? true);
                explain.Parameters.Add(new NpgsqlParameter("afterDue", NpgsqlDbType.TimestampTz) { Value = opened.AddHours(10).UtcDateTime });
                explain.Parameters.AddWithValue("afterId", "C-00100");
                explain.Parameters.AddWithValue("limit", 101);
                var plan = new List<string>();
                await using (var reader = await explain.ExecuteReaderAsync())
                {
                    while (await reader.ReadAsync())
                    {
                        plan.Add(reader.GetString(0));
                    }
                }

                var text = string.Join("\n", plan);
                Assert.True(text.Contains($" using {index} on ", StringComparison.Ordinal) && !text.Contains("Sort", StringComparison.Ordinal)
                    && !text.Contains("Seq Scan", StringComparison.Ordinal), $"{query} (after: {afterCursor}):\n{text}");
            }
        }
    }
}

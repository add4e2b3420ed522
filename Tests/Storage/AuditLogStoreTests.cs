using DataSharing.Audit;
using DataSharing.Common;
using Npgsql;

namespace DataSharing.Tests.Storage;

/// <summary>Art 38-41 on both audit stores: one chain, idempotent appends, pages through an index, a streamed verification.</summary>
public sealed class AuditLogStoreTests
{
    private static AuditEntry Entry(string caseId, int act, params string[] departments) =>
        new($"{caseId}#{act}", DateTimeOffset.UnixEpoch.AddDays(20000).AddSeconds(act), new Actor("op", Role.DepartmentOperator, departments[0]),
            departments, "ShareRequest", caseId, $"act{act}", null, $"state{act}");

    [Theory]
    [MemberData(nameof(StoreBackends.Kinds), MemberType = typeof(StoreBackends))]
    public async Task Art38_appends_are_idempotent_by_entry_id_and_pages_follow_the_chain_by_case_and_by_department_both_ways(string kind)
    {
        await using var stores = await StoreBackends.Create(kind);
        for (var i = 1; i <= 30; i++)
        {
            await stores.Audit.Append([Entry($"SR-{i % 3}", i, i % 2 == 0 ? "340000-GA" : "340000-RS", "340000-SC")]);
        }

        // A case re-sending entries it is not sure were kept doubles nothing.
        await stores.Audit.Append([Entry("SR-1", 1, "340000-RS", "340000-SC"), Entry("SR-1", 4, "340000-GA", "340000-SC")]);

        var all = await stores.Audit.Query(new AuditFilter(Limit: 1000));
        Assert.Equal(Enumerable.Range(1, 30).Select(i => (long)i), all.Select(r => r.Sequence));

        var ga = await stores.Audit.Query(new AuditFilter(Department: "340000-GA", Limit: 1000));
        Assert.Equal(15, ga.Count);
        Assert.All(ga, r => Assert.Contains("340000-GA", r.Entry.Departments));

        // Page by page, after the last sequence served: no record twice, none skipped, in chain order.
        var paged = new List<AuditRecord>();
        for (long after = 0; ;)
        {
            var page = await stores.Audit.Query(new AuditFilter(Department: "340000-GA", AfterSequence: after, Limit: 4));
            paged.AddRange(page);
            if (page.Count < 4)
            {
                break;
            }

            after = page[^1].Sequence;
        }

        Assert.Equal(ga.Select(r => r.Sequence), paged.Select(r => r.Sequence));

        var case1 = await stores.Audit.Query(new AuditFilter(CaseId: "SR-1", Limit: 1000));
        Assert.Equal(10, case1.Count);
        Assert.Empty(await stores.Audit.Query(new AuditFilter(Department: "340000-ZR", CaseId: "SR-1")));

        // Newest first, a page before the last sequence served: the same records backwards, in each index.
        foreach (var filter in new[] { new AuditFilter(Limit: 4), new AuditFilter(Department: "340000-GA", Limit: 4), new AuditFilter(CaseId: "SR-1", Limit: 4) })
        {
            var backwards = new List<AuditRecord>();
            for (var before = long.MaxValue; ;)
            {
                var page = await stores.Audit.Query(filter with { BeforeSequence = before });
                backwards.AddRange(page);
                if (page.Count < 4)
                {
                    break;
                }

                before = page[^1].Sequence;
            }

            var forwards = await stores.Audit.Query(filter with { Limit = 1000 });
            Assert.Equal(forwards.Select(r => r.Sequence).Reverse(), backwards.Select(r => r.Sequence));
        }

        var verification = await AuditChain.Verify(stores.Audit.ReadAll());
        Assert.True(verification.Intact);
        Assert.Equal(30, verification.RecordsChecked);
    }

    [Fact]
    public async Task Art38_appends_from_three_silos_at_once_make_one_chain_and_each_append_returns_only_once_committed()
    {
        await using var stores = await StoreBackends.Create("postgres");
        var silos = new List<IAuditLog> { stores.Audit, (await stores.AnotherSilo()).Audit, (await stores.AnotherSilo()).Audit };

        // 3 silos x 400 acts, each waiting for its own append, as 1,200 concurrent requests would.
        await Task.WhenAll(Enumerable.Range(0, 1200).Select(async i =>
        {
            await silos[i % 3].Append([Entry($"SR-{i}", 1, "340000-GA")]);
            // Acknowledged means committed: the record is readable at once, from any connection.
            Assert.Single(await silos[(i + 1) % 3].Query(new AuditFilter(CaseId: $"SR-{i}")));
        }));

        var verification = await AuditChain.Verify(stores.Audit.ReadAll());
        Assert.True(verification.Intact, verification.Problem);
        Assert.Equal(1200, verification.RecordsChecked);

        // Group commit: far fewer transactions than acts (each batch takes the chain's lock once).
        await using var db = new NpgsqlConnection(stores.ConnectionString);
        await db.OpenAsync();
        var departmentRows = (long)(await new NpgsqlCommand("SELECT count(*) FROM audit_departments", db).ExecuteScalarAsync())!;
        Assert.Equal(1200, departmentRows);
        var transactions = (long)(await new NpgsqlCommand("SELECT count(DISTINCT xmin::text) FROM audit_log", db).ExecuteScalarAsync())!;
        Assert.True(transactions <= 600, $"{transactions} transactions for 1,200 appends");
    }

    [Fact]
    public async Task Art38_the_chain_PostgreSQL_appends_hashes_exactly_as_the_platform_verifies_it()
    {
        // audit_append (migration 0008) numbers and hashes in the server: its hashes must be the C# chain's, byte for
        // byte, whatever the text (Chinese, a character outside the BMP, empty and absent fields, sub-microsecond time).
        await using var stores = await StoreBackends.Create("postgres");
        var at = new DateTimeOffset(2026, 11, 25, 8, 30, 0, TimeSpan.FromHours(8)).AddTicks(1234567);
        AuditEntry[] entries =
        [
            new("E-1", at, new Actor("张三", Role.DepartmentOperator, "340000-GA"), ["340000-GA", "340100-RS", "340000-GA"],
                "Review", "RV-1", "submit", null, "数据有误：身份证号码 🙂"),
            new("E-2", at.AddTicks(9), new Actor("system", Role.PlatformAdmin, null), [], "Calendar", "2026", "load", "", "{\"days\":[]}"),
            new("E-3", at.AddSeconds(1), new Actor("op|7:x", Role.Public, null), ["340000-SC"], "ShareRequest", "SR-1", "a,b", "x", "y"),
        ];

        await stores.Audit.Append(entries);
        await stores.Audit.Append([entries[1], new AuditEntry("E-4", at.AddDays(1), entries[0].By, ["340000-GA"], "Review", "RV-1", "confirm", "a", "b")]);

        var stored = await stores.Audit.Query(new AuditFilter(Limit: 100));
        AuditRecord? expected = null;
        foreach (var (record, entry) in stored.Zip([entries[0], entries[1], entries[2], new AuditEntry("E-4", at.AddDays(1), entries[0].By, ["340000-GA"], "Review", "RV-1", "confirm", "a", "b")]))
        {
            expected = AuditChain.Next(expected, entry);
            Assert.Equal(expected.Hash, record.Hash);
            Assert.Equal(expected.PreviousHash, record.PreviousHash);
            Assert.Equal(expected.Sequence, record.Sequence);
        }

        Assert.Equal(4, stored.Count);
        Assert.Equal(["340000-GA", "340100-RS"], (await stores.Audit.Query(new AuditFilter(CaseId: "RV-1", Limit: 10)))[0].Entry.Departments.Distinct());
        Assert.Single(await stores.Audit.Query(new AuditFilter(Department: "340100-RS", Limit: 10)));
        Assert.True((await AuditChain.Verify(stores.Audit.ReadAll())).Intact);
    }

    [Theory]
    [MemberData(nameof(StoreBackends.Kinds), MemberType = typeof(StoreBackends))]
    public async Task Art38_a_changed_record_is_found_by_the_streamed_verification(string kind)
    {
        await using var stores = await StoreBackends.Create(kind);
        for (var i = 1; i <= 10; i++)
        {
            await stores.Audit.Append([Entry("SR-9", i, "340000-GA")]);
        }

        var records = await stores.Audit.Query(new AuditFilter(Limit: 100));
        records = [.. records.Select(r => r.Sequence == 6 ? r with { Entry = r.Entry with { After = "tampered" } } : r)];
        var verification = AuditChain.Verify(records);
        Assert.False(verification.Intact);
        Assert.Equal(6, verification.FirstBrokenSequence);
    }
}

using DataSharing.Common;
using DataSharing.Departments;
using DataSharing.Silo.Persistence;

namespace DataSharing.Tests.Stores;

/// <summary>What every violation store does, run against the in-memory one and the PostgreSQL one.</summary>
public abstract class ViolationStoreContract
{
    private static readonly DateTimeOffset At = new(2026, 10, 13, 0, 0, 0, TimeSpan.FromHours(8));

    private readonly string _department = $"D{Guid.NewGuid():N}";

    protected abstract IViolationStore Store { get; }

    [Fact]
    public async Task Lists_newest_first_pages_through_equal_instants_by_id_and_per_department()
    {
        await Store.Record(Violation("V-1", At));
        await Store.Record(Violation("V-2", At.AddMinutes(1)));
        await Store.Record(Violation("V-3", At.AddMinutes(1)));
        await Store.Record(Violation("V-4", At.AddMinutes(1)));
        await Store.Record(Violation("V-5", At.AddMinutes(2), department: $"{_department}-other"));

        // The first boundary falls between V-4 and V-3, recorded at the same instant.
        var first = await Store.List(_department, new PageRequest(1));
        var rest = await Store.List(_department, new PageRequest(2, first.Next));
        var last = await Store.List(_department, new PageRequest(2, rest.Next));
        Assert.Equal(["V-4"], Ids(first.Items));
        Assert.Equal(["V-3", "V-2"], Ids(rest.Items));
        Assert.Equal(["V-1"], Ids(last.Items));
        Assert.Null(last.Next);
        Assert.Equal(Violation("V-3", At.AddMinutes(1)), rest.Items[0]);

        // Every department's, newest first: the other department's violation is the newest of all.
        var all = await Store.List(null, new PageRequest(PageRequest.MaxLimit));
        Assert.Equal(["V-5", "V-4", "V-3", "V-2", "V-1"], Ids(all.Items.Where(v => v.Id.StartsWith(_department, StringComparison.Ordinal))));
    }

    [Fact]
    public async Task Recording_the_same_violation_again_keeps_one_record()
    {
        await Store.Record(Violation("V-1", At));
        await Store.Record(Violation("V-1", At.AddDays(1)) with { Description = "Recorded again after a crash." });

        var recorded = Assert.Single((await Store.List(_department, PageRequest.First)).Items);
        Assert.Equal(At, recorded.RecordedAt);
    }

    [Fact]
    public async Task A_cursor_from_another_list_is_refused_naming_after()
    {
        var foreign = Cursor.For("cases/Review", Cursor.Of(At), "V-1");
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => Store.List(_department, new PageRequest(1, foreign)));
        Assert.Equal("after", refused.Field);
    }

    [Fact]
    public async Task Violations_are_counted_per_Shanghai_day_of_one_case_kind_and_article()
    {
        // A case kind of its own, so that tests sharing a database count only their records (the series spans departments).
        var kind = $"K{Guid.NewGuid():N}";
        ViolationRecord Of(string id, DateTimeOffset at, string article = ViolationRecord.NotInTime) =>
            Violation(id, at) with { CaseKind = kind, Article = article };

        var day = ShanghaiTime.DateOf(At);
        await Store.Record(Of("V-1", At));
        await Store.Record(Of("V-2", At.AddHours(23).AddMinutes(59)));
        await Store.Record(Of("V-3", At.AddDays(1))); // 00:00 in Shanghai, 16:00 the day before in UTC
        await Store.Record(Of("V-4", At.AddDays(1), article: "Art 43(5)"));
        await Store.Record(Of("V-5", At.AddDays(7)));
        await Store.Record(Of("V-1", At.AddDays(2))); // the same violation again

        Assert.Equal(
            [new DailyCount(day, 2), new DailyCount(day.AddDays(1), 1)],
            await Store.CountByDay(kind, ViolationRecord.NotInTime, day, day.AddDays(7)));
        Assert.Equal([new DailyCount(day.AddDays(1), 1)], await Store.CountByDay(kind, "Art 43(5)", day, day.AddDays(8)));
    }

    private IEnumerable<string> Ids(IEnumerable<ViolationRecord> violations) => violations.Select(v => v.Id[(_department.Length + 1)..]);

    private ViolationRecord Violation(string id, DateTimeOffset at, string? department = null) =>
        new($"{_department}-{id}", department ?? _department, "Art 43(4)", "ShareRequest", $"SR-{id}", $"Violation {id}", at);
}

public sealed class InMemoryViolationStoreTests : ViolationStoreContract
{
    protected override IViolationStore Store { get; } = new InMemoryViolationStore();
}

public sealed class PostgresViolationStoreTests(PostgresStores postgres) : ViolationStoreContract, IClassFixture<PostgresStores>
{
    protected override IViolationStore Store { get; } = new PostgresViolationStore(postgres.Database, postgres.Commit);
}

using DataSharing.Assessment;
using DataSharing.Cases;
using DataSharing.Silo.Persistence;

namespace DataSharing.Tests.Stores;

/// <summary>What every assessment store does, run against the in-memory one and the PostgreSQL one.</summary>
public abstract class AssessmentStoreContract
{
    private static readonly DateOnly Received = new(2026, 9, 24);

    /// <summary>Departments of their own per test, so tests sharing a database do not count each other's cases.</summary>
    private readonly string _department = $"D{Guid.NewGuid():N}";

    protected abstract IAssessmentStore Store { get; }

    [Fact]
    public async Task Counts_by_kind_and_timeliness_and_takes_the_median_answer_time_of_share_requests()
    {
        await Store.Record(Answered("SR-1", days: 0));
        await Store.Record(Answered("SR-2", days: 8, Timeliness.Late));
        await Store.Record(Answered("SR-3", days: 1));
        await Store.Record(Fact("SR-4", CaseKinds.ShareRequest, Timeliness.Overdue));
        await Store.Record(Fact("SR-5", CaseKinds.ShareRequest, Timeliness.Pending));
        await Store.Record(Fact("SR-6", CaseKinds.ShareRequest, Timeliness.Excluded));
        await Store.Record(Fact("RV-1", CaseKinds.Review, Timeliness.OnTime) with { AnsweredOn = Received, AnswerWorkingDays = 30 });
        await Store.Record(Fact("CC-1", CaseKinds.CatalogChange, Timeliness.Late));
        await Store.Record(Fact("RN-1", CaseKinds.RectificationNotice, Timeliness.Overdue));
        await Store.Record(Fact("RN-2", CaseKinds.RectificationNotice, Timeliness.OnTime));
        await Store.Record(Fact("RN-3", CaseKinds.RectificationNotice, Timeliness.Pending));
        await Store.Record(Fact("SR-7", CaseKinds.ShareRequest, Timeliness.OnTime, department: $"{_department}-other"));
        await Store.Record(Fact("SR-8", CaseKinds.ShareRequest, Timeliness.OnTime) with { ReceivedOn = new DateOnly(2025, 12, 31) });

        var assessed = Assert.Single(await Store.Assess([_department], 2026));
        Assert.Equal(new TimelinessCounts(2, 1, 1, 1), assessed.ShareRequests);
        Assert.Equal(1, assessed.MedianAnswerWorkingDays); // of 0, 1 and 8: reviews' answer times are not share requests'
        Assert.Equal(new TimelinessCounts(1, 0, 0, 0), assessed.Reviews);
        Assert.Equal(new TimelinessCounts(0, 1, 0, 0), assessed.CatalogChanges);
        Assert.Equal((2, 1), (assessed.NoticesOpen, assessed.NoticesRectified));

        // An even count: the mean of the two middle ones.
        await Store.Record(Answered("SR-9", days: 5));
        Assert.Equal(3, Assert.Single(await Store.Assess([_department], 2026)).MedianAnswerWorkingDays);
    }

    [Fact]
    public async Task Departments_come_back_in_the_order_asked_and_one_without_cases_counts_nothing()
    {
        await Store.Record(Answered("SR-1", days: 2));
        var empty = $"{_department}-empty";

        var assessed = await Store.Assess([empty, _department], 2026);
        Assert.Equal([empty, _department], assessed.Select(a => a.Department));
        Assert.Equal((new TimelinessCounts(0, 0, 0, 0), (double?)null), (assessed[0].ShareRequests, assessed[0].MedianAnswerWorkingDays));
        Assert.Equal((new TimelinessCounts(1, 0, 0, 0), (double?)2), (assessed[1].ShareRequests, assessed[1].MedianAnswerWorkingDays));
        Assert.Null(Assert.Single(await Store.Assess([_department], 2025)).MedianAnswerWorkingDays);
    }

    [Fact]
    public async Task An_older_version_never_replaces_a_newer_one_and_a_changed_fact_moves_between_counts()
    {
        await Store.Record(Fact("SR-1", CaseKinds.ShareRequest, Timeliness.Pending, version: 1));
        await Store.Record(Answered("SR-1", days: 4, Timeliness.Late, version: 3));
        await Store.Record(Fact("SR-1", CaseKinds.ShareRequest, Timeliness.Overdue, version: 2));
        var assessed = Assert.Single(await Store.Assess([_department], 2026));
        Assert.Equal((new TimelinessCounts(0, 1, 0, 0), (double?)4), (assessed.ShareRequests, assessed.MedianAnswerWorkingDays));

        // The same version counted again on a calendar loaded since replaces the answer time.
        await Store.Record(Answered("SR-1", days: 3, Timeliness.Late, version: 3));
        Assert.Equal(3, Assert.Single(await Store.Assess([_department], 2026)).MedianAnswerWorkingDays);

        // A withdrawn request leaves every count.
        await Store.Record(Fact("SR-1", CaseKinds.ShareRequest, Timeliness.Excluded, version: 4));
        assessed = Assert.Single(await Store.Assess([_department], 2026));
        Assert.Equal((new TimelinessCounts(0, 0, 0, 0), (double?)null), (assessed.ShareRequests, assessed.MedianAnswerWorkingDays));
    }

    [Fact]
    public async Task Answers_are_counted_by_the_day_given_on_time_apart_and_a_changed_fact_moves_its_day()
    {
        // A kind of its own, so that tests sharing a database count only their facts (the series spans departments).
        var kind = $"K{Guid.NewGuid():N}";
        AssessedCase Of(string id, Timeliness timeliness, int answeredAfter, int version = 1) =>
            Fact(id, kind, timeliness, version) with { AnsweredOn = Received.AddDays(answeredAfter) };

        await Store.Record(Of("A", Timeliness.OnTime, 1));
        await Store.Record(Of("B", Timeliness.Late, 1) with { Department = $"{_department}-other" });
        await Store.Record(Of("C", Timeliness.OnTime, 3));
        await Store.Record(Of("D", Timeliness.OnTime, 9));
        await Store.Record(Fact("E", kind, Timeliness.Overdue));
        await Store.Record(Of("F", Timeliness.Excluded, 1));

        Assert.Equal(
            [new DailyAnswers(Received.AddDays(1), 2, 1), new DailyAnswers(Received.AddDays(3), 1, 1)],
            await Store.AnswersByDay(kind, Received, Received.AddDays(9)));

        // C is counted again, answered later and late (its answer time computed on a calendar loaded since).
        await Store.Record(Of("C", Timeliness.Late, 4, version: 2));
        Assert.Equal(
            [new DailyAnswers(Received.AddDays(1), 2, 1), new DailyAnswers(Received.AddDays(4), 1, 0), new DailyAnswers(Received.AddDays(9), 1, 1)],
            await Store.AnswersByDay(kind, Received.AddDays(1), Received.AddDays(10)));
        Assert.Empty(await Store.AnswersByDay(CaseKinds.ShareRequest + kind, Received, Received.AddDays(30)));
    }

    [Fact]
    public async Task Art42_finds_the_fact_it_holds_for_a_case_the_newest_version_as_recorded()
    {
        // What a federated city reads to tell a fact it reported up already (AssessmentGrain).
        Assert.Null(await Store.Find(CaseKinds.ShareRequest, $"{_department}-SR-1"));
        var answered = Answered("SR-1", days: 2, version: 2);
        await Store.Record(answered);
        await Store.Record(Fact("SR-1", CaseKinds.ShareRequest, Timeliness.Pending, version: 1));
        Assert.Equal(answered, await Store.Find(CaseKinds.ShareRequest, answered.CaseId));
        var pending = Fact("RV-1", CaseKinds.Review, Timeliness.Pending);
        await Store.Record(pending);
        Assert.Equal(pending, await Store.Find(CaseKinds.Review, pending.CaseId));
        Assert.Null(await Store.Find(CaseKinds.ShareRequest, pending.CaseId));
    }

    private AssessedCase Fact(string id, string kind, Timeliness timeliness, int version = 1, string? department = null) =>
        new($"{_department}-{id}", kind, department ?? _department, Received, timeliness, null, version);

    private AssessedCase Answered(string id, int days, Timeliness timeliness = Timeliness.OnTime, int version = 1) =>
        Fact(id, CaseKinds.ShareRequest, timeliness, version) with { AnsweredOn = Received.AddDays(days), AnswerWorkingDays = days };
}

public sealed class InMemoryAssessmentStoreTests : AssessmentStoreContract
{
    protected override IAssessmentStore Store { get; } = new InMemoryAssessmentStore();
}

public sealed class PostgresAssessmentStoreTests(PostgresStores postgres) : AssessmentStoreContract, IClassFixture<PostgresStores>
{
    protected override IAssessmentStore Store { get; } = new PostgresAssessmentStore(postgres.Database, postgres.Commit);
}

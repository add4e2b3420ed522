using DataSharing.CatalogChanges;
using DataSharing.Common;
using DataSharing.Departments;
using DataSharing.Tests.Reviews;
using DataSharing.Tests.Support;

namespace DataSharing.Tests.CatalogChanges;

/// <summary>Art 15 (R4): update the catalog within 10 working days of the change, report within 3 more.</summary>
public sealed class CatalogChangeTests(MidSeptemberCluster platform) : IClassFixture<MidSeptemberCluster>
{
    private ICatalogChangeGrain Change(string id) => platform.Grains.GetGrain<ICatalogChangeGrain>(id);

    internal static DeclareCatalogChange Declaration(DateOnly changedOn) =>
        new("340000-GA", changedOn, "Regulations on Household Registration amended (State Council Decree No. 8xx).", ["340000-GA-0001"]);

    [Fact]
    public async Task Art15_the_update_is_due_10_working_days_after_the_change_and_the_report_3_working_days_after_the_update()
    {
        // Changed Mon 14 Sep 2026: 15-18, Sun 20 (make-up), 21-24, 28 Sep (25 Sep is a holiday) → due Mon 28 Sep.
        var declared = await Change("CC-due-1").Declare(Declaration(new DateOnly(2026, 9, 14)), Actors.Operator("340000-GA"));
        Assert.Equal(CatalogChangeStatus.AwaitingUpdate, declared.Status);
        Assert.Equal(new DateOnly(2026, 9, 28), declared.UpdateDeadline.DueDate);

        // Updated Thu 17 Sep: three working days are Fri 18, Sun 20 (make-up) and Mon 21 Sep.
        var updated = await Change("CC-due-1").RecordUpdate("Entry 340000-GA-0001 edited.", Actors.Operator("340000-GA"));
        Assert.Equal(CatalogChangeStatus.AwaitingReport, updated.Status);
        Assert.Equal(new DateOnly(2026, 9, 21), updated.ReportDeadline!.DueDate);
        Assert.False(updated.UpdateLate);

        var reported = await Change("CC-due-1").Report("Updated catalog and the amended regulation attached.", Actors.Head("340000-GA"));
        Assert.Equal(CatalogChangeStatus.Reported, reported.Status);
        Assert.False(reported.ReportLate);
    }

    [Fact]
    public async Task Art15_only_the_department_declares_its_changes_about_its_own_entries_and_not_in_the_future()
    {
        await Assert.ThrowsAsync<NotEntitledException>(() => Change("CC-who-1").Declare(Declaration(new DateOnly(2026, 9, 14)), Actors.Operator("340000-RS")));
        Assert.Equal("affectedEntries[0]", (await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Change("CC-who-2").Declare(Declaration(new DateOnly(2026, 9, 14)) with { AffectedEntries = ["340000-RS-0001"] }, Actors.Operator("340000-GA")))).Field);
        Assert.Equal("changedOn", (await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Change("CC-who-3").Declare(Declaration(new DateOnly(2027, 1, 1)), Actors.Operator("340000-GA")))).Field);
    }
}

/// <summary>Art 15 deadlines passing: on a cluster of its own, since it moves the clock.</summary>
public sealed class CatalogChangeOverdueTests(MidSeptemberCluster platform) : IClassFixture<MidSeptemberCluster>
{
    private ICatalogChangeGrain Change(string id) => platform.Grains.GetGrain<ICatalogChangeGrain>(id);

    [Fact]
    public async Task Art15_Art43_each_missed_step_is_a_violation_and_a_change_declared_too_late_is_overdue_at_once()
    {
        // Changed 1 Sep: the 10 working days ended on 15 Sep, before the declaration.
        await Change("CC-late-1").Declare(CatalogChangeTests.Declaration(new DateOnly(2026, 9, 1)), Actors.Operator("340000-GA"));

        // The reminder is armed already due; even that waits for the (fake) clock to move.
        await platform.Advance(TimeSpan.FromSeconds(1));
        var overdue = await Eventually.Get(() => Change("CC-late-1").Get(), c => c!.Status == CatalogChangeStatus.UpdateOverdue);
        Assert.Equal(CatalogChangeStatus.UpdateOverdue, overdue!.Status);

        var updated = await Change("CC-late-1").RecordUpdate(null, Actors.Operator("340000-GA"));
        Assert.True(updated.UpdateLate);

        platform.AdvanceTo(updated.ReportDeadline!.DueAt + TimeSpan.FromMinutes(1));
        var reportOverdue = await Eventually.Get(() => Change("CC-late-1").Get(), c => c!.Status == CatalogChangeStatus.ReportOverdue);
        Assert.Equal(CatalogChangeStatus.ReportOverdue, reportOverdue!.Status);

        var violations = await Eventually.Get(() => Violations.Of(platform.Grains, "340000-GA"),
            v => v.Count(x => x.CaseId == "CC-late-1") == 2);
        Assert.Equal(["Art 43(2)", "Art 43(2)"], violations.Where(v => v.CaseId == "CC-late-1").Select(v => v.Article));
    }
}

using DataSharing.Common;
using DataSharing.Data;
using DataSharing.Tests.Support;

namespace DataSharing.Tests.Data;

/// <summary>
/// Freshness (Art 17): an entry's data must be updated as often as its update frequency says, within its update time
/// limit; data left older gets the provider an Art 43(5) violation through a durable deadline. The clock is the
/// fixture's fake one: Thursday 2026-09-24 10:00 in Shanghai.
/// </summary>
public sealed class DataFreshnessTests(PlatformTestCluster platform) : IClassFixture<PlatformTestCluster>
{
    private static readonly DataRow[] Rows =
    [
        new(1, ["张三", "340104199003071235", "合肥市蜀山区", "1990-03-07"]),
        new(2, ["李四", "340202198511200011", "芜湖市镜湖区", "1985-11-20"]),
    ];

    private async Task<DataUploadView> Upload(string entry, UploadMode mode = UploadMode.Replace, BadRowPolicy badRows = BadRowPolicy.Reject, params DataRow[] rows)
    {
        var resource = platform.Grains.GetGrain<IDataResourceGrain>(entry);
        var started = await resource.BeginUpload(new DataUploadRequest(mode, badRows, "csv"), Actors.Operator("340000-GA"));
        await resource.Append(started.Upload.Id, DataRowBatch.Of(rows.Length > 0 ? rows : Rows));
        return await resource.Complete(started.Upload.Id);
    }

    [Fact]
    public async Task Art17_Art43_data_not_updated_by_its_frequency_and_time_limit_turns_stale_and_the_provider_gets_a_violation()
    {
        // 340000-GA-0001 is updated daily, with a time limit of 1 working day: updated on Thursday 24 September, the next
        // update is due by Friday 25 + 1 working day = Monday 28 September, 24:00.
        var applied = await Upload("340000-GA-0001");
        Assert.Equal(DataUploadStatus.Applied, applied.Status);
        var resource = platform.Grains.GetGrain<IDataResourceGrain>("340000-GA-0001");
        var fresh = await resource.Get();
        Assert.Equal(2, fresh.Records);
        Assert.Equal(ShanghaiTime.EndOf(new DateOnly(2026, 9, 28)), fresh.DueBy);
        Assert.False(fresh.Stale);

        platform.AdvanceTo(ShanghaiTime.EndOf(new DateOnly(2026, 9, 28)) - TimeSpan.FromMinutes(1));
        await Task.Delay(200);
        Assert.DoesNotContain(await Violations.Of(platform.Grains, "340000-GA"), v => v.CaseId == "340000-GA-0001");

        await platform.Advance(TimeSpan.FromDays(1));
        var violations = await Eventually.Get(() => Violations.Of(platform.Grains, "340000-GA"), v => v.Any(x => x.CaseId == "340000-GA-0001"));
        var violation = Assert.Single(violations, v => v.CaseId == "340000-GA-0001");
        Assert.Equal("Art 43(5)", violation.Article);
        Assert.Equal("340000-GA-0001:stale:2026-09-28", violation.Id);

        var stale = await resource.Get();
        Assert.True(stale.Stale);
        Assert.Equal(1, stale.DaysStale);

        // The next upload makes it fresh again, with a new deadline.
        await Upload("340000-GA-0001");
        var again = await resource.Get();
        Assert.False(again.Stale);
        Assert.True(again.DueBy > platform.Clock.GetUtcNow());
    }

    [Fact]
    public async Task Art17_an_irregular_entry_has_no_freshness_deadline_and_uploads_go_one_at_a_time()
    {
        // 340000-RS-0002 (personnel files) is updated "as changed": no deadline by the clock.
        var resource = platform.Grains.GetGrain<IDataResourceGrain>("340000-RS-0002");
        var started = await resource.BeginUpload(new DataUploadRequest(UploadMode.Replace, BadRowPolicy.Quarantine, "csv"), Actors.Operator("340000-RS"));

        // A second upload while the first receives is an illegal transition (409), naming the open upload.
        var second = await Assert.ThrowsAsync<IllegalTransitionException>(() =>
            resource.BeginUpload(new DataUploadRequest(UploadMode.Replace, BadRowPolicy.Reject, "csv"), Actors.Operator("340000-RS")));
        Assert.Equal("Receiving", second.CurrentState);

        await resource.Append(started.Upload.Id, DataRowBatch.Of([new DataRow(1, ["340104199003071235", "good", "none"])]));
        var done = await resource.Complete(started.Upload.Id);
        Assert.Equal(DataUploadStatus.Applied, done.Status);
        var view = await resource.Get();
        Assert.Null(view.DueBy);
        Assert.False(view.Stale);

        // Another department's staff may not upload (Art 17: each department aggregates its own data).
        await Assert.ThrowsAsync<NotEntitledException>(() =>
            resource.BeginUpload(new DataUploadRequest(UploadMode.Replace, BadRowPolicy.Reject, "csv"), Actors.Operator("340000-GA")));
    }

    [Fact]
    public async Task Art19_stored_records_are_checked_on_request_and_every_30_days_with_errors_by_rule_and_item()
    {
        // 340000-ZR-0001 (real estate): certificateNumber, ownerName, ownerIdNumber (GB 11643), location, encumbrances.
        // Records kept before a rule existed are written to the store directly: an upload would refuse them.
        await using (var writer = await platform.Stores.DataRecords.Begin(new DataUploadTarget("UP-legacy", "340000-ZR-0001", UploadMode.Replace, 5, null)))
        {
            await writer.Add("000000000001", ["C-1", "张三", "340104199003071235", "合肥市", null]);
            await writer.Add("000000000002", ["C-2", "李四", "340104199003071234", "芜湖市", null]);
            await writer.Commit();
        }

        var resource = platform.Grains.GetGrain<IDataResourceGrain>("340000-ZR-0001");
        await Assert.ThrowsAsync<NotEntitledException>(() => resource.CheckQuality(Actors.Operator("340000-GA")));
        var report = await resource.CheckQuality(Actors.Operator("340000-ZR"));
        Assert.Equal(2, report.RowsChecked);
        Assert.Equal(1, report.RowsWithErrors);
        Assert.Equal(1, report.ErrorsByRule["GB 11643"]);
        Assert.Equal(1, report.ErrorsByItem["ownerIdNumber"]);
        Assert.Contains("000000000002", Assert.Single(report.FirstErrors).Message);

        // An upload arms the periodic check: 30 days later the platform checks again by itself.
        var started = await resource.BeginUpload(new DataUploadRequest(UploadMode.Replace, BadRowPolicy.Reject, "csv"), Actors.Operator("340000-ZR"));
        await resource.Append(started.Upload.Id, DataRowBatch.Of([new DataRow(1, ["C-3", "王五", "340302200001010029", "蚌埠市", null])]));
        Assert.Equal(DataUploadStatus.Applied, (await resource.Complete(started.Upload.Id)).Status);
        await platform.Advance(DataResourceGrain.QualityCheckPeriod + TimeSpan.FromMinutes(1));
        var periodic = await Eventually.Get(() => resource.GetQuality(), q => q!.By == Actor.System);
        Assert.Equal(1, periodic!.Report.RowsChecked);
        Assert.Equal(0, periodic.Report.ErrorCount);
    }
}

using DataSharing.Api.Console;
using DataSharing.Audit;
using DataSharing.Common;
using DataSharing.Reviews;
using DataSharing.Sharing;
using DataSharing.Supervision;
using DataSharing.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace DataSharing.Tests.WebConsole;

/// <summary>
/// The console acts on more than share requests, pages its lists, and reads its overview's weekly series from dated
/// facts: a provider answers a review (Art 26), a department reports a rectification that the data authority accepts
/// (Art 43), an inbox longer than a page pages, the audit log opens at its newest record. Pages are checked with
/// axe-core and kept as screenshots 11-14.
/// </summary>
public sealed class ConsoleCaseActionsTests(ITestOutputHelper output) : BrowserFixture
{
    private const string Provider = "DepartmentOperator|340000-GA";
    private const string Authority = "DataAuthority|";
    private static readonly Actor AuthorityActor = new("authority", Role.DataAuthority, null);

    private readonly List<string> _accessibility = [];

    private IGrainFactory Grains => Platform.Services.GetRequiredService<IGrainFactory>();

    [Fact]
    public async Task Art26_and_Art43_a_review_is_answered_and_a_rectification_reported_and_accepted_in_the_console()
    {
        await Grains.GetGrain<IReviewGrain>("RV-console-1").File(
            new FileReview("340000-GA-0001", ["householdAddress"], "户籍地址有误：2025年已迁出。", ReviewRoute.Provider), Actors.Operator("340000-RS"));
        var today = ShanghaiTime.DateOf(Platform.Clock.GetUtcNow());
        await Grains.GetGrain<IRectificationNoticeGrain>("RN-console-1").Issue(
            new IssueNotice("340000-GA", ViolationCategory.SharingRefusedOrDelayed, "第三季度三件有条件共享申请逾期答复。", today.AddDays(20)), AuthorityActor);

        // The provider confirms the doubted data with an explanation (the button waits for one).
        var provider = await Browser.Window();
        await ConsoleBrowser.SignIn(provider, Provider);
        await provider.GotoAsync("/case/RV-console-1");
        await ConsoleBrowser.Interactive(provider);
        var confirm = provider.Locator("button.approve", new() { HasTextString = "确认无误" });
        Assert.True(await confirm.IsDisabledAsync());
        await provider.Locator("#explain-RV-console-1").FillAsync("经核对户籍档案，地址登记无误。");
        await confirm.ClickAsync();
        await provider.Locator(".status[data-status=Confirmed]").WaitForAsync();
        await Check(provider, "11-review-confirmed");
        Assert.Equal(ReviewStatus.Confirmed, (await Grains.GetGrain<IReviewGrain>("RV-console-1").Get())!.Status);

        // The department reports its rectification; the authority, whose page is open, sees it and accepts it.
        var authority = await Browser.Window();
        await ConsoleBrowser.SignIn(authority, Authority);
        await authority.GotoAsync("/case/RN-console-1");
        await ConsoleBrowser.Interactive(authority);
        Assert.Equal(0, await authority.Locator("button.approve").CountAsync()); // nothing to decide before a report
        await provider.GotoAsync("/case/RN-console-1");
        await ConsoleBrowser.Interactive(provider);
        await provider.Locator("#report-RN-console-1").FillAsync("已建立答复提醒机制，逾期申请已全部答复。");
        await provider.Locator("button", new() { HasTextString = "提交报告" }).ClickAsync();
        await provider.Locator(".status[data-status=Reported]").WaitForAsync();
        await authority.Locator("button.approve").ClickAsync(); // appeared without a reload
        await authority.Locator(".status[data-status=Rectified]").WaitForAsync();
        await Check(authority, "12-notice-rectified");

        Assert.True(_accessibility.Count == 0, string.Join('\n', _accessibility));
    }

    [Fact]
    public async Task An_inbox_longer_than_a_page_pages_and_the_audit_log_opens_at_its_newest_record()
    {
        var today = ShanghaiTime.DateOf(Platform.Clock.GetUtcNow());
        var ids = new List<string>();
        for (var i = 0; i < PageCursors.Size + 5; i++)
        {
            var id = $"SR-console-page-{i:D3}";
            await Grains.GetGrain<IShareRequestGrain>(id).Submit(
                Samples.Submission() with { PeriodFrom = today, PeriodTo = today.AddYears(1) }, Actors.Operator("340000-RS"));
            ids.Add(id);
        }

        var provider = await Browser.Window();
        await ConsoleBrowser.SignIn(provider, Provider);
        await ConsoleBrowser.Interactive(provider);
        Assert.Equal(PageCursors.Size, await provider.Locator("li.card").CountAsync());
        await provider.Locator("nav.pager button", new() { HasTextString = "下一页" }).ClickAsync();
        await Assertions.Expect(provider.Locator("li.card")).ToHaveCountAsync(5);
        await provider.Locator("nav.pager span", new() { HasTextString = "第2页" }).WaitForAsync();
        await Check(provider, "13-inbox-page-2");
        await provider.Locator("nav.pager button", new() { HasTextString = "上一页" }).ClickAsync();
        await Assertions.Expect(provider.Locator("li.card")).ToHaveCountAsync(PageCursors.Size);
        await provider.Locator("nav.pager span", new() { HasTextString = "第1页" }).WaitForAsync();

        // The audit log: the newest record first, a page of them, older ones a page further.
        var authority = await Browser.Window();
        await ConsoleBrowser.SignIn(authority, Authority);
        await authority.GotoAsync("/audit");
        await ConsoleBrowser.Interactive(authority);
        var newest = await Grains.GetGrain<IAuditGrain>(0).Query(new AuditFilter(Limit: 1, BeforeSequence: long.MaxValue));
        Assert.Equal(newest[0].Sequence.ToString(), await authority.Locator("table tbody tr td").First.InnerTextAsync());
        Assert.Equal(PageCursors.Size, await authority.Locator("table tbody tr").CountAsync());
        await authority.Locator("nav.pager button", new() { HasTextString = "下一页" }).ClickAsync();
        await Assertions.Expect(authority.Locator("table tbody tr td").First).ToHaveTextAsync((newest[0].Sequence - PageCursors.Size).ToString());
        await authority.Locator("nav.pager span", new() { HasTextString = "第2页" }).WaitForAsync();
        await Check(authority, "14-audit-newest-page-2");

        Assert.True(_accessibility.Count == 0, string.Join('\n', _accessibility));
    }

    [Fact]
    public async Task The_overview_weekly_series_counts_answers_by_answer_date_and_overdue_turns_by_the_day_found()
    {
        var today = ShanghaiTime.DateOf(Platform.Clock.GetUtcNow());
        var submission = Samples.Submission() with { PeriodFrom = today, PeriodTo = today.AddYears(1) };
        var answered = await Grains.GetGrain<IShareRequestGrain>("SR-console-week-1").Submit(submission, Actors.Operator("340000-RS"));
        await Grains.GetGrain<IShareRequestGrain>("SR-console-week-1").Approve(new ApproveShareRequest(null, null, null, null), Actors.Operator("340000-GA"));
        var late = await Grains.GetGrain<IShareRequestGrain>("SR-console-week-2").Submit(submission, Actors.Operator("340000-RS"));
        Platform.AdvanceTo(late.AnswerDeadline!.DueAt + TimeSpan.FromMinutes(1));
        var overdue = await Eventually.Get(() => Grains.GetGrain<IShareRequestGrain>("SR-console-week-2").Get(), r => r!.Status == ShareRequestStatus.Overdue);
        Assert.Equal(ShareRequestStatus.Overdue, overdue!.Status);

        var weeks = (await Platform.Services.GetRequiredService<OverviewReader>().Read()).Weeks;
        WeekPoint WeekOf(DateTimeOffset at) => weeks.Single(w => w.WeekStart <= ShanghaiTime.DateOf(at) && ShanghaiTime.DateOf(at) < w.WeekStart.AddDays(7));
        Assert.Equal((1, 1), (weeks.Sum(w => w.Answered), weeks.Sum(w => w.OnTime)));
        Assert.Equal(1, weeks.Sum(w => w.TurnedOverdue));
        Assert.Equal(1, WeekOf(answered.ReceivedAt).Answered);
        Assert.Equal(1, WeekOf(Platform.Clock.GetUtcNow()).TurnedOverdue);
    }

    private async Task Check(IPage page, string name)
    {
        await ConsoleBrowser.Screenshot(page, name);
        var (passed, violations) = await ConsoleBrowser.Accessibility(page);
        _accessibility.AddRange(violations.Select(v => $"{name}: {v}"));
        output.WriteLine($"{name}: {page.Url} (axe-core: {passed} rules passed, {violations.Count} violated)");
    }
}

using DataSharing.Audit;
using DataSharing.Calendar;
using DataSharing.Common;
using DataSharing.Reviews;
using DataSharing.Sharing;
using DataSharing.Tests.Reviews;
using DataSharing.Tests.Support;

namespace DataSharing.Tests.Calendar;

/// <summary>
/// The official calendar is governed: the State Council's arrangement decides every Art 25/26 deadline, so it is
/// never silently replaced or emptied, every version is kept and audited, and loading one says what it moved.
/// </summary>
public sealed class CalendarGovernanceTests(PlatformTestCluster platform) : IClassFixture<PlatformTestCluster>
{
    private IWorkingDayCalendarGrain Calendar => platform.Grains.GetGrain<IWorkingDayCalendarGrain>(IWorkingDayCalendarGrain.Key);

    private static readonly CalendarDay[] EmptyYear = [];

    [Fact]
    public void The_shipped_State_Council_years_give_exactly_the_statutory_rest_days_so_the_threshold_admits_them()
    {
        var shipped = OfficialCalendarData.Load(DateTimeOffset.UnixEpoch).ToDictionary(y => y.Year, y => CalendarArrangementRules.RestDays(y.Days));
        Assert.Equal(11, shipped[2024]);
        Assert.Equal(13, shipped[2025]);
        Assert.Equal(13, shipped[2026]);
        foreach (var year in OfficialCalendarData.Load(DateTimeOffset.UnixEpoch))
        {
            CalendarArrangementRules.EnsurePlausible(year.Year, year.Days, force: false);
        }
    }

    [Fact]
    public async Task Art25_replacing_2026_needs_replace_and_a_reason_and_an_empty_2026_is_refused_even_then()
    {
        var unconfirmed = await Assert.ThrowsAsync<IllegalTransitionException>(() => Calendar.LoadYear(2026, new CalendarYearLoad(EmptyYear), Actors.Admin));
        Assert.Equal("loaded (version 1)", unconfirmed.CurrentState);
        Assert.Contains("replace: true", unconfirmed.Detail);

        var unexplained = await Assert.ThrowsAsync<ValidationFailedException>(() => Calendar.LoadYear(2026, new CalendarYearLoad(EmptyYear, Replace: true), Actors.Admin));
        Assert.Equal("reason", unexplained.Field);

        var empty = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Calendar.LoadYear(2026, new CalendarYearLoad(EmptyYear, Replace: true, Reason: "Typo"), Actors.Admin));
        Assert.Equal("days", empty.Field);
        Assert.Contains("13 statutory holidays", empty.Detail);

        var oneHoliday = await Assert.ThrowsAsync<ValidationFailedException>(() => Calendar.LoadYear(2026,
            new CalendarYearLoad([new CalendarDay(new DateOnly(2026, 10, 1), CalendarDayKind.Holiday, "National Day")], Replace: true, Reason: "Typo"), Actors.Admin));
        Assert.Equal("days", oneHoliday.Field);

        // Nothing changed: the domain example still holds and 2026 has one version.
        Assert.Equal(new DateOnly(2026, 10, 12), (await Calendar.AddWorkingDays(new DateOnly(2026, 9, 24), 7)).Due);
        Assert.Single(await Calendar.GetVersions(2026));
    }

    [Fact]
    public async Task A_year_with_too_few_rest_days_is_loaded_only_when_forced_with_a_reason()
    {
        CalendarDay[] newYearOnly = [new(new DateOnly(2031, 1, 1), CalendarDayKind.Holiday, "New Year's Day")];
        Assert.Equal("days", (await Assert.ThrowsAsync<ValidationFailedException>(() => Calendar.LoadYear(2031, new CalendarYearLoad(newYearOnly), Actors.Admin))).Field);
        Assert.Equal("reason", (await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Calendar.LoadYear(2031, new CalendarYearLoad(newYearOnly, Force: true), Actors.Admin))).Field);

        var forced = await Calendar.LoadYear(2031, new CalendarYearLoad(newYearOnly, Force: true, Reason: "Only January is published so far."), Actors.Admin);
        Assert.True(forced.Loaded.Forced);
        Assert.Equal("Only January is published so far.", forced.Loaded.Reason);
    }

    [Fact]
    public async Task Art38_every_version_of_a_year_is_kept_audited_and_read_back_with_who_loaded_it_and_when()
    {
        var first = await Calendar.LoadYear(2030, new CalendarYearLoad(Plausible(2030)), Actors.Admin);
        Assert.Null(first.Replaced);
        Assert.Equal(Plausible(2030).Length, first.Added.Count);

        platform.Clock.Advance(TimeSpan.FromHours(2));
        var corrected = Plausible(2030).Where(d => d.Date != new DateOnly(2030, 6, 5)).Append(new CalendarDay(new DateOnly(2030, 6, 7), CalendarDayKind.Holiday, "Dragon Boat Festival")).ToList();
        var second = await Calendar.LoadYear(2030, new CalendarYearLoad(corrected, Replace: true, Reason: "Dragon Boat Festival is on Friday 7 June."), Actors.Admin);

        // The diff: one day out, one day in.
        Assert.Equal(first.Loaded.Version, second.Replaced!.Version);
        Assert.Equal([new DateOnly(2030, 6, 7)], second.Added.Select(d => d.Date));
        Assert.Equal([new DateOnly(2030, 6, 5)], second.Removed.Select(d => d.Date));

        var versions = await Calendar.GetVersions(2030);
        Assert.Equal([first.Loaded.Version, second.Loaded.Version], versions.Select(v => v.Version));
        Assert.All(versions, v => Assert.Equal(Actors.Admin.Subject, v.LoadedBy));
        Assert.Equal(TimeSpan.FromHours(2), versions[1].LoadedAt - versions[0].LoadedAt);
        Assert.Equal("Dragon Boat Festival is on Friday 7 June.", versions[1].Reason);

        var audit = await platform.Grains.GetGrain<IAuditGrain>(0).Query(new AuditFilter(CaseId: WorkingDayCalendarGrain.CaseIdOf(2030)));
        Assert.Equal(["load", "replace"], audit.Select(r => r.Entry.Action));
        Assert.Equal(Actors.Admin, audit[1].Entry.By);
        Assert.StartsWith($"version {first.Loaded.Version}:", audit[1].Entry.Before);
        Assert.Contains("Dragon Boat Festival is on Friday 7 June.", audit[1].Entry.After);
    }

    [Fact]
    public async Task The_shipped_years_are_the_first_version_and_their_load_is_audited()
    {
        var version = Assert.Single(await Calendar.GetVersions(2025));
        Assert.Equal(OfficialCalendarData.LoadedBy, version.LoadedBy);
        var audit = await platform.Grains.GetGrain<IAuditGrain>(0).Query(new AuditFilter(CaseId: WorkingDayCalendarGrain.CaseIdOf(2025)));
        Assert.Equal("load", Assert.Single(audit).Entry.Action);
    }

    /// <summary>
    /// A made-up arrangement with the 13 statutory rest days, all on weekdays: New Year, three at Labour Day, one each
    /// at Tomb-sweeping, Dragon Boat and Mid-Autumn, and six around National Day.
    /// </summary>
    internal static CalendarDay[] Plausible(int year)
    {
        var days = new List<CalendarDay>();
        void Weekdays(int month, int from, int count, string occasion)
        {
            for (var date = new DateOnly(year, month, from); count > 0; date = date.AddDays(1))
            {
                if (date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                {
                    days.Add(new CalendarDay(date, CalendarDayKind.Holiday, occasion));
                    count--;
                }
            }
        }

        Weekdays(1, 1, 1, "New Year's Day");
        Weekdays(4, 5, 1, "Tomb-sweeping Day");
        Weekdays(5, 1, 3, "Labour Day");
        Weekdays(6, 5, 1, "Dragon Boat Festival");
        Weekdays(9, 15, 1, "Mid-autumn Festival");
        Weekdays(10, 1, 6, "National Day");
        return [.. days];
    }
}

/// <summary>Replacing the arrangement of a year that deadlines were already computed with (its own cluster: it changes 2026).</summary>
public sealed class CalendarReplacementTests(PlatformTestCluster platform) : IClassFixture<PlatformTestCluster>
{
    [Fact]
    public async Task Art25_a_deadline_already_computed_keeps_its_arrangement_and_records_the_calendar_version()
    {
        var calendar = platform.Grains.GetGrain<IWorkingDayCalendarGrain>(IWorkingDayCalendarGrain.Key);
        var before = platform.Grains.GetGrain<IShareRequestGrain>("SR-kept-1");
        var kept = (await before.Submit(Samples.Submission(), Actors.Operator("340000-RS"))).AnswerDeadline!;
        Assert.Equal(new DateOnly(2026, 10, 12), kept.DueDate);
        var version = kept.CalendarVersion;
        Assert.True(version > 0);

        // The admin replaces 2026 with an arrangement that has no Mid-Autumn holiday in September (moved to December).
        var shipped = (await calendar.GetVersions(2026)).Single().Days;
        var replaced = shipped.Where(d => d.Date.Month != 9).Append(new CalendarDay(new DateOnly(2026, 12, 28), CalendarDayKind.Holiday, "Test")).ToList();
        var result = await calendar.LoadYear(2026, new CalendarYearLoad(replaced, Replace: true, Reason: "Test of a corrected arrangement."), Actors.Admin);
        Assert.Equal(version + 1, result.Loaded.Version);
        Assert.Equal(0, result.Deadlines.Recomputed);

        // The request keeps its deadline and says which version it came from; a new one uses the new arrangement.
        var after = (await before.Get())!.AnswerDeadline!;
        Assert.Equal(kept, after);
        var fresh = (await platform.Grains.GetGrain<IShareRequestGrain>("SR-kept-2").Submit(Samples.Submission(), Actors.Operator("340000-RS"))).AnswerDeadline!;
        Assert.Equal(result.Loaded.Version, fresh.CalendarVersion);
        Assert.True(fresh.DueDate < kept.DueDate, $"{fresh.DueDate} should be earlier than {kept.DueDate} without the Mid-Autumn holiday");

        // The old arrangement is still there to read back what the first request was computed with.
        var versions = await calendar.GetVersions(2026);
        Assert.Equal(version, versions.Last(v => v.Version <= kept.CalendarVersion).Version);
    }
}

/// <summary>Loading a year that provisional deadlines reach into (the clock starts on Thursday 2026-12-24).</summary>
public sealed class CalendarLoadMovesTests(LateDecemberCluster platform) : IClassFixture<LateDecemberCluster>
{
    [Fact]
    public async Task Art25_Art26_loading_2027_says_which_provisional_deadlines_moved_and_by_how_much_with_bounded_examples()
    {
        // Twelve requests and a review, all provisional: 25, 28-31 Dec, Fri 1 and Mon 4 Jan counted as weekdays.
        for (var i = 0; i < 12; i++)
        {
            var request = await platform.Grains.GetGrain<IShareRequestGrain>($"SR-move-{i:D2}").Submit(
                Samples.Submission() with { PeriodFrom = new(2026, 12, 24), PeriodTo = new(2027, 12, 23) }, Actors.Operator("340000-RS"));
            Assert.True(request.AnswerDeadline!.Provisional);
            Assert.Equal(new DateOnly(2027, 1, 4), request.AnswerDeadline.DueDate);
        }

        await platform.Grains.GetGrain<IReviewGrain>("RV-move-1").File(ReviewTests.Application(ReviewRoute.Provider), Actors.Operator("340000-RS"));

        // 2027 makes 1 January a holiday: every deadline moves one working day, from Mon 4 to Tue 5 January.
        var result = await platform.Grains.GetGrain<IWorkingDayCalendarGrain>(IWorkingDayCalendarGrain.Key)
            .LoadYear(2027, new CalendarYearLoad(CalendarGovernanceTests.Plausible(2027)), Actors.Admin);

        Assert.Equal(13, result.Deadlines.Recomputed);
        Assert.Equal(13, result.Deadlines.Moved);
        Assert.Equal(0, result.Deadlines.Unreachable);
        Assert.Equal(DeadlinesMoved.MaxExamples, result.Deadlines.Examples.Count);
        Assert.All(result.Deadlines.Examples, m =>
        {
            Assert.Equal((new DateOnly(2027, 1, 4), new DateOnly(2027, 1, 5), 1), (m.From, m.To, m.Days));
            Assert.False(m.Provisional);
        });

        var recomputed = (await platform.Grains.GetGrain<IShareRequestGrain>("SR-move-00").Get())!.AnswerDeadline!;
        Assert.Equal((new DateOnly(2027, 1, 5), false, result.Loaded.Version), (recomputed.DueDate, recomputed.Provisional, recomputed.CalendarVersion));
    }
}

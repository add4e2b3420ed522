using DataSharing.Assessment;
using DataSharing.Cases;
using DataSharing.Common;
using DataSharing.OpenData;
using DataSharing.Tests.Support;

namespace DataSharing.Tests.OpenData;

/// <summary>An application for conditionally open data and its deadline (Art 36, 43(7)); the fake clock moves, so the cluster is its own.</summary>
public sealed class OpenApplicationTests(PlatformTestCluster platform) : IClassFixture<PlatformTestCluster>
{
    // Administrative penalties on market entities: ConditionalOpen in the demo province, provided by market regulation.
    private const string Entry = "340000-SC-0002";
    private const string Provider = "340000-SC";
    private static readonly Actor Citizen = new("citizen-9", Role.Public, null);

    private IOpenApplicationGrain Application(string id) => platform.Grains.GetGrain<IOpenApplicationGrain>(id);

    /// <summary>The provider's Art 42 counts of open-data applications received in 2026.</summary>
    private async Task<TimelinessCounts> OpenApplications() =>
        Assert.Single(await platform.Grains.GetGrain<IAssessmentGrain>(0).Assess([Provider], 2026)).OpenApplications;

    private static OpenApplication Applying() =>
        new(Entry, "A study of penalties by industry.", ["decisionNumber", "penalty"], new DateOnly(2026, 10, 1), new DateOnly(2026, 12, 31));

    [Fact]
    public async Task Art36_Art43_an_unanswered_application_turns_overdue_when_the_clock_passes_its_deadline_with_a_violation_of_the_provider()
    {
        // Received Thu 2026-09-24: 7 working days, over the National Day holidays, end on Mon 2026-10-12 (as for Art 25).
        var filed = await Application("OA-late-1").Apply(Applying(), Citizen);
        Assert.Equal(OpenApplicationStatus.AwaitingProvider, filed.Status);
        Assert.Equal(7, filed.AnswerWorkingDays);
        Assert.Equal(new DateOnly(2026, 10, 12), filed.Deadline!.DueDate);
        await Assert.ThrowsAsync<NotEntitledException>(() => Application("OA-late-1").Approve("Research only.", null, Actors.Operator("340000-GA")));

        platform.AdvanceTo(filed.Deadline.DueAt - TimeSpan.FromMinutes(1));
        Assert.Equal(OpenApplicationStatus.AwaitingProvider, (await Application("OA-late-1").Get())!.Status);

        platform.AdvanceTo(filed.Deadline.DueAt + TimeSpan.FromMinutes(1));
        var overdue = await Eventually.Get(() => Application("OA-late-1").Get(), a => a!.Status == OpenApplicationStatus.Overdue);
        Assert.Equal(OpenApplicationStatus.Overdue, overdue!.Status);
        var violations = await Eventually.Get(() => Violations.Of(platform.Grains, Provider), v => v.Any(x => x.CaseId == "OA-late-1"));
        Assert.Equal("Art 43(7)", Assert.Single(violations, v => v.CaseId == "OA-late-1").Article);
        var listed = await platform.Grains.GetGrain<ICaseListGrain>(0).List(
            new CaseListQuery(CaseKinds.OpenDataApplication, Provider, "Overdue"), PageRequest.First);
        Assert.Contains(listed.Items, r => r.Id == "OA-late-1");
        // Art 42: the provider is assessed on its applications as on its share requests (the other test's is answered on time).
        await Eventually.Get(OpenApplications, counts => counts.Overdue == 1);

        // The provider may still answer, late.
        var approved = await Application("OA-late-1").Approve("Research only; no republication.", ["penalty"], Actors.Operator(Provider));
        Assert.Equal(OpenApplicationStatus.Approved, approved.Status);
        Assert.True(approved.Answer!.Late);
        Assert.Equal(["penalty"], approved.Answer.DataItems);
        await Eventually.Get(OpenApplications, counts => counts is { Late: 1, Overdue: 0 });
    }

    [Fact]
    public async Task Art36_only_conditionally_open_entries_are_applied_for_and_only_by_the_public()
    {
        var business = await Assert.ThrowsAsync<ValidationFailedException>(() => Application("OA-bad-1").Apply(Applying() with { EntryCode = "340000-SC-0001" }, Citizen));
        Assert.Equal("entryCode", business.Field);
        var item = await Assert.ThrowsAsync<ValidationFailedException>(() => Application("OA-bad-2").Apply(Applying() with { DataItems = ["penalty", "nickname"] }, Citizen));
        Assert.Equal("dataItems[1]", item.Field);
        await Assert.ThrowsAsync<NotEntitledException>(() => Application("OA-bad-3").Apply(Applying(), Actors.Operator("340000-RS")));

        var refused = await Application("OA-refused-1").Apply(Applying(), Citizen);
        var missing = await Assert.ThrowsAsync<ValidationFailedException>(() => Application("OA-refused-1").Refuse("Not final.", "", Actors.Operator(Provider)));
        Assert.Equal("legalBasis", missing.Field);
        var answered = await Application("OA-refused-1").Refuse("Decisions under appeal are not final.", "Administrative Penalty Law, Art 48", Actors.Operator(Provider));
        Assert.Equal(OpenApplicationStatus.Refused, answered.Status);
        Assert.False(answered.Answer!.Late);
        Assert.NotEqual(refused.Status, answered.Status);
    }
}

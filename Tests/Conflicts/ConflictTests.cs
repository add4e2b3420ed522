using DataSharing.Cases;
using DataSharing.Catalog;
using DataSharing.Common;
using DataSharing.Conflicts;
using DataSharing.Tests.Support;

namespace DataSharing.Tests.Conflicts;

/// <summary>Art 27 (R16): departments negotiate an inconsistency within the platform's window; Art 16 duplicate collection.</summary>
public sealed class ConflictTests(PlatformTestCluster platform) : IClassFixture<PlatformTestCluster>
{
    internal static readonly Actor Authority = new("authority", Role.DataAuthority, null);

    private IConflictGrain Conflict(string id) => platform.Grains.GetGrain<IConflictGrain>(id);

    internal static OpenConflict Addresses(params ConflictParty[] parties) => new(
        "population/household-registration", "householdAddress",
        parties.Length > 0 ? parties : [new("340000-GA", "340000-GA-0001"), new("340000-RS")],
        "The household address of 3401xx residents differs between household registration and social insurance.");

    [Fact]
    public async Task Art27_the_departments_record_one_agreed_position_within_the_window_and_the_conflict_is_resolved()
    {
        var opened = await Conflict("CF-agree-1").Open(Addresses(), Actors.Operator("340000-RS"));
        Assert.Equal((ConflictStatus.Negotiating, ConflictOrigin.Department), (opened.Status, opened.Origin));
        // Opened Thursday 2026-09-24; ten working days (the platform's default window) across National Day end on 15 October.
        Assert.Equal(10, opened.NegotiationDeadline!.WorkingDays);
        Assert.Equal(new DateOnly(2026, 10, 15), opened.NegotiationDeadline.DueDate);

        await Conflict("CF-agree-1").StatePosition("Household registration is the source of addresses.", Actors.Operator("340000-GA"));
        await Conflict("CF-agree-1").Propose("Household registration is the source; social insurance updates from it monthly.", Actors.Head("340000-RS"));
        var half = await Conflict("CF-agree-1").Get();
        Assert.Equal(["340000-RS"], half!.Proposal!.AcceptedBy);
        Assert.Equal(ConflictStatus.Negotiating, half.Status);

        var agreed = await Conflict("CF-agree-1").Accept(Actors.Operator("340000-GA"));
        Assert.Equal(ConflictStatus.Resolved, agreed.Status);
        Assert.False(agreed.Resolution!.ByRuling);
        Assert.StartsWith("Household registration is the source", agreed.Resolution.Position);

        var listed = await platform.Grains.GetGrain<ICaseListGrain>(0).List(new CaseListQuery(CaseKinds.Conflict, "340000-GA"), PageRequest.First);
        Assert.Contains(listed.Items, c => c.Id == "CF-agree-1" && c.Status == "Resolved" && !c.Open);
    }

    [Fact]
    public async Task Art27_a_new_proposal_needs_every_party_again()
    {
        await Conflict("CF-again-1").Open(Addresses(), Actors.Admin);
        await Conflict("CF-again-1").Propose("Position A", Actors.Operator("340000-GA"));
        await Conflict("CF-again-1").Propose("Position B", Actors.Operator("340000-RS"));
        var stillOpen = await Conflict("CF-again-1").Get();
        Assert.Equal(ConflictStatus.Negotiating, stillOpen!.Status);
        Assert.Equal(["340000-RS"], stillOpen.Proposal!.AcceptedBy);
        Assert.Equal(ConflictStatus.Resolved, (await Conflict("CF-again-1").Accept(Actors.Operator("340000-GA"))).Status);
    }

    [Fact]
    public async Task Art27_only_parties_negotiate_the_authority_rules_only_after_escalation_and_bad_input_names_its_field()
    {
        await Assert.ThrowsAsync<NotEntitledException>(() => Conflict("CF-who-0").Open(Addresses(), Authority));
        await Assert.ThrowsAsync<NotEntitledException>(() => Conflict("CF-who-0").Open(Addresses(), Actors.Operator("340000-ZR")));
        Assert.Equal("parties", (await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Conflict("CF-who-0").Open(Addresses(new ConflictParty("340000-GA"), new ConflictParty("340000-GA")), Actors.Admin))).Field);
        // 340000-GA-0002 is the identity card entry: another subject category, so not "data of the same category".
        var category = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Conflict("CF-who-0").Open(Addresses(new ConflictParty("340000-GA", "340000-GA-0002"), new ConflictParty("340000-RS")), Actors.Admin));
        Assert.Equal(("parties[0].entryCode", "Art 27"), (category.Field, category.Article));
        Assert.Equal("parties[1].department", (await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Conflict("CF-who-0").Open(Addresses(new ConflictParty("340000-GA"), new ConflictParty("999999-XX")), Actors.Admin))).Field);

        await Conflict("CF-who-1").Open(Addresses(), Actors.Admin);
        await Assert.ThrowsAsync<NotEntitledException>(() => Conflict("CF-who-1").StatePosition("Ours is right.", Actors.Operator("340000-ZR")));
        await Assert.ThrowsAsync<NotEntitledException>(() => Conflict("CF-who-1").Rule("GA is the source.", null, Actors.Admin));
        var early = await Assert.ThrowsAsync<IllegalTransitionException>(() => Conflict("CF-who-1").Rule("GA is the source.", null, Authority));
        Assert.Equal("Negotiating", early.CurrentState);
        var nothing = await Assert.ThrowsAsync<IllegalTransitionException>(() => Conflict("CF-who-1").Accept(Actors.Operator("340000-GA")));
        Assert.Equal("Negotiating", nothing.CurrentState);
        Assert.Equal("position", (await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Conflict("CF-who-1").Propose(" ", Actors.Operator("340000-GA")))).Field);
    }

    [Fact]
    public async Task Art16_Art27_a_second_department_publishing_the_same_standard_element_for_the_same_category_opens_a_flagged_conflict()
    {
        // 340000-GA-0001 (household registration) publishes DE00002, the identity number. RS now publishes it too.
        var rs = Actors.Operator("340000-RS");
        var content = Samples.ConditionalEntry("340000-RS") with { DataItems = [new("idNumber", "string", "DE00002"), new("insuredSince", "date")] };
        await platform.Grains.GetGrain<ICatalogEntryGrain>("340000-RS-7001").Draft(content, rs);
        Assert.Empty(await Conflicts("340000-RS"));
        await platform.Grains.GetGrain<ICatalogEntryGrain>("340000-RS-7001").Publish(rs);

        var summary = Assert.Single(await Conflicts("340000-RS"));
        var conflict = (await Conflict(summary.Id).Get())!;
        Assert.Equal((ConflictOrigin.Automatic, true, ConflictStatus.Negotiating), (conflict.Origin, conflict.DuplicateCollection, conflict.Status));
        Assert.Equal("DE00002", conflict.Subject.StandardElementCode);
        Assert.Equal(["340000-GA", "340000-RS"], conflict.Parties.Select(p => p.Department).Order());
        Assert.Contains(await Conflicts("340000-GA"), c => c.Id == summary.Id);

        // A third department publishing the element joins the open conflict rather than opening another.
        var sc = Actors.Operator("340000-SC");
        await platform.Grains.GetGrain<ICatalogEntryGrain>("340000-SC-7001").Draft(Samples.ConditionalEntry("340000-SC") with { DataItems = content.DataItems }, sc);
        await platform.Grains.GetGrain<ICatalogEntryGrain>("340000-SC-7001").Publish(sc);
        var joined = (await Conflict(summary.Id).Get())!;
        Assert.Equal(["340000-GA", "340000-RS", "340000-SC"], joined.Parties.Select(p => p.Department).Order());
        Assert.Single(await Conflicts("340000-SC"));
    }

    /// <summary>The automatically opened conflicts a department is party to.</summary>
    private async Task<IReadOnlyList<CaseSummary>> Conflicts(string department) =>
        (await platform.Grains.GetGrain<ICaseListGrain>(0).List(new CaseListQuery(CaseKinds.Conflict, department), new PageRequest(PageRequest.MaxLimit))).Items
            .Where(c => c.Id.StartsWith("CF-DE-", StringComparison.Ordinal)).ToList();
}

/// <summary>Art 27: the negotiation window passing; on a cluster of its own, since it moves the clock.</summary>
public sealed class ConflictEscalationTests(PlatformTestCluster platform) : IClassFixture<PlatformTestCluster>
{
    private IConflictGrain Conflict(string id) => platform.Grains.GetGrain<IConflictGrain>(id);

    [Fact]
    public async Task Art27_no_agreement_by_the_end_of_the_window_escalates_to_the_data_authority_which_rules()
    {
        var opened = await Conflict("CF-esc-1").Open(ConflictTests.Addresses(), Actors.Admin);
        await Conflict("CF-esc-1").Propose("Social insurance addresses are the newer ones.", Actors.Operator("340000-RS"));

        platform.AdvanceTo(opened.NegotiationDeadline!.DueAt - TimeSpan.FromMinutes(1));
        await Task.Yield();
        Assert.Equal(ConflictStatus.Negotiating, (await Conflict("CF-esc-1").Get())!.Status);

        platform.AdvanceTo(opened.NegotiationDeadline.DueAt + TimeSpan.FromMinutes(1));
        var escalated = await Eventually.Get(() => Conflict("CF-esc-1").Get(), c => c!.Status == ConflictStatus.Escalated);
        Assert.Equal(ConflictStatus.Escalated, escalated!.Status);
        Assert.NotNull(escalated.EscalatedAt);
        Assert.Equal("escalate", escalated.History[^1].Action);
        Assert.Equal(Actor.System, escalated.History[^1].By);

        // The departments put their positions to the authority; agreeing among themselves is over.
        await Conflict("CF-esc-1").StatePosition("Registration is the legal source (Household Registration Regulations).", Actors.Operator("340000-GA"));
        await Assert.ThrowsAsync<IllegalTransitionException>(() => Conflict("CF-esc-1").Accept(Actors.Operator("340000-GA")));
        Assert.Equal("sourceDepartment", (await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Conflict("CF-esc-1").Rule("ZR is the source.", "340000-ZR", ConflictTests.Authority))).Field);

        var ruled = await Conflict("CF-esc-1").Rule("Household registration is the source of addresses; RS corrects within 10 working days.", "340000-GA", ConflictTests.Authority);
        Assert.Equal(ConflictStatus.Resolved, ruled.Status);
        Assert.True(ruled.Resolution!.ByRuling);
        Assert.Equal("340000-GA", ruled.Resolution.SourceDepartment);
        await Assert.ThrowsAsync<IllegalTransitionException>(() => Conflict("CF-esc-1").Rule("Again.", null, ConflictTests.Authority));
    }
}

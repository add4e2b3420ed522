using DataSharing.Common;
using DataSharing.Sharing;
using DataSharing.Tests.Support;

namespace DataSharing.Tests.Sharing;

public sealed class ShareRequestRulesTests
{
    private static readonly DateOnly Today = new(2026, 9, 24);

    private static ValidationFailedException Invalid(ShareRequestSubmission submission) =>
        Assert.Throws<ValidationFailedException>(() => ShareRequestRules.ValidateSubmission(submission, Samples.ConditionalEntry(), Today));

    [Fact]
    public void A_valid_request_passes() => ShareRequestRules.ValidateSubmission(Samples.Submission(), Samples.ConditionalEntry(), Today);

    [Fact]
    public void Art21_a_request_without_an_application_scenario_is_invalid()
    {
        var e = Invalid(Samples.Submission() with { Scenario = "  " });
        Assert.Equal("scenario", e.Field);
        Assert.Equal("Art 21", e.Article);
    }

    [Fact]
    public void Art24_a_request_missing_a_listed_material_is_invalid_and_names_it()
    {
        var e = Invalid(Samples.Submission() with { Materials = [new("Official letter of request", "RS-1")] });
        Assert.Equal("materials", e.Field);
        Assert.Contains("Data security commitment", e.Detail);
    }

    [Fact]
    public void A_data_item_the_entry_does_not_have_is_named_by_its_position()
    {
        var e = Invalid(Samples.Submission() with { DataItems = ["name", "salary"] });
        Assert.Equal("dataItems[1]", e.Field);
    }

    [Fact]
    public void A_period_that_ends_before_it_starts_is_invalid()
    {
        var e = Invalid(Samples.Submission() with { PeriodFrom = new(2026, 10, 1), PeriodTo = new(2026, 9, 30) });
        Assert.Equal("periodTo", e.Field);
    }

    [Fact]
    public void A_department_does_not_request_its_own_data()
    {
        var e = Invalid(Samples.Submission(requester: "340000-GA"));
        Assert.Equal("entryCode", e.Field);
    }

    [Fact]
    public void An_approval_narrows_items_and_period_but_never_widens_them()
    {
        var submission = Samples.Submission();
        var narrowed = ShareRequestRules.GrantFor(submission, new ApproveShareRequest(["idNumber"], null, new DateOnly(2026, 12, 31)), DateTimeOffset.UnixEpoch);
        Assert.Equal(["idNumber"], narrowed.DataItems);
        Assert.Equal(new DateOnly(2026, 12, 31), narrowed.ValidTo);

        Assert.Equal("dataItems[0]", Assert.Throws<ValidationFailedException>(() =>
            ShareRequestRules.GrantFor(submission, new ApproveShareRequest(["address"]), DateTimeOffset.UnixEpoch)).Field);
        Assert.Equal("validTo", Assert.Throws<ValidationFailedException>(() =>
            ShareRequestRules.GrantFor(submission, new ApproveShareRequest(ValidTo: new DateOnly(2030, 1, 1)), DateTimeOffset.UnixEpoch)).Field);
    }

    [Theory]
    [InlineData("", "Some law", "reason")]
    [InlineData("No duty", "", "legalBasis")]
    public void Art21_Art25_a_refusal_needs_a_reason_and_a_legal_basis(string reason, string legalBasis, string field) =>
        Assert.Equal(field, Assert.Throws<ValidationFailedException>(() =>
            ShareRequestRules.ValidateRefusal(new RefuseShareRequest(reason, legalBasis))).Field);

    [Theory]
    [InlineData("The data is under review; please wait.")]
    [InlineData("数据正在覆核")]
    public void Art26_R15_a_refusal_on_the_ground_that_the_data_is_under_review_is_rejected(string reason)
    {
        var e = Assert.Throws<ValidationFailedException>(() => ShareRequestRules.ValidateRefusal(new RefuseShareRequest(reason, "Some law")));
        Assert.Equal("Art 26", e.Article);
    }
}

using DataSharing.Common;

namespace DataSharing.Tests.Common;

/// <summary>The shared input checks: what each refuses and how its message says so.</summary>
public sealed class RequireTests
{
    private static ValidationFailedException Refused(Action check) => Assert.Throws<ValidationFailedException>(check);

    [Theory]
    [InlineData("\u0000")]
    [InlineData("a\u001bb")]
    [InlineData("line\r\nbreak")]
    [InlineData("\u202Eevil")]
    [InlineData("x\u2028y")]
    public void Prose_refuses_control_and_bidirectional_characters_and_says_which(string text)
    {
        var e = Refused(() => Require.Text(text, "description"));
        Assert.Equal("description", e.Field);
        Assert.Contains("U+", e.Detail);
    }

    [Fact]
    public void Prose_keeps_newlines_and_tabs_but_a_single_line_does_not()
    {
        Require.Text("First paragraph.\n\n\tSecond.", "description");
        Assert.Contains("one line", Refused(() => Require.Line("Household\nregister", "name")).Detail);
        Assert.Contains("one line", Refused(() => Require.Line("a\tb", "name")).Detail);
    }

    [Theory]
    [InlineData(null, "is required")]
    [InlineData("", "is required")]
    [InlineData(" ", "blank")]
    [InlineData("\u2028\u2029", "blank")]
    [InlineData("SR 1", "is not an id")]
    [InlineData("-SR", "is not an id")]
    [InlineData("../etc", "is not an id")]
    public void An_id_is_present_and_made_of_letters_digits_dots_dashes_and_underscores(string? id, string says) =>
        Assert.Contains(says, Refused(() => Require.Id(id, "entryCode")).Detail);

    [Fact]
    public void Ids_the_platform_issues_pass()
    {
        Require.Id("340000-GA-0001", "code");
        Require.Id("SR-20261125-3F9A0C12", "id");
        Require.Id(new string('a', Require.MaxId), "id");
        Assert.Contains("is not an id", Refused(() => Require.Id(new string('a', Require.MaxId + 1), "id")).Detail);
    }

    [Fact]
    public void Lengths_are_bounded_and_the_message_gives_both_numbers()
    {
        var e = Refused(() => Require.Text(new string('x', Require.MaxText + 1), "scenario"));
        Assert.Contains($"{Require.MaxText + 1} characters", e.Detail);
        Assert.Contains($"at most {Require.MaxText}", e.Detail);
        Refused(() => Require.Line(new string('x', Require.MaxLine + 1), "name"));
    }

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("1999-12-31")]
    [InlineData("2101-01-01")]
    [InlineData("9999-12-31")]
    public void A_date_outside_2000_to_2100_is_refused_as_out_of_range_never_as_missing(string date)
    {
        var e = Refused(() => Require.Date(DateOnly.Parse(date), "periodFrom"));
        Assert.Contains($"periodFrom {date} is outside", e.Detail);
        Assert.DoesNotContain("required", e.Detail);
    }

    [Fact]
    public void A_missing_date_is_refused_as_missing()
    {
        Assert.Contains("required", Refused(() => Require.Date(null, "periodFrom")).Detail);
        Assert.Equal(Require.EarliestDate, Require.Date(Require.EarliestDate, "periodFrom"));
        Assert.Equal(Require.LatestDate, Require.Date(Require.LatestDate, "periodFrom"));
    }

    [Fact]
    public void A_period_names_the_end_at_fault()
    {
        Assert.Equal("periodTo", Refused(() => Require.Period(new(2026, 10, 1), new(2026, 9, 30), "periodFrom", "periodTo")).Field);
        Assert.Equal("periodFrom", Refused(() => Require.Period(new(1, 1, 1), new(2026, 9, 30), "periodFrom", "periodTo")).Field);
    }

    [Fact]
    public void A_list_is_bounded_has_no_null_entry_and_lines_are_not_repeated()
    {
        Assert.Contains("at most 3", Refused(() => Require.Items(new[] { "a", "b", "c", "d" }, "dataItems", 3)).Detail);
        Assert.Equal("materials[1]", Refused(() => Require.Items(new object?[] { new(), null }, "materials")).Field);
        Assert.Equal("dataItems[2]", Refused(() => Require.DistinctLines(["name", "idNumber", "name"], "dataItems")).Field);
    }
}

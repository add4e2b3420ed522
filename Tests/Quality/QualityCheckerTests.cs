using DataSharing.Catalog;
using DataSharing.Data;
using DataSharing.Quality;

namespace DataSharing.Tests.Quality;

/// <summary>Art 19: the provider checks the quality of what it provides, row by row, against each item's rule.</summary>
public sealed class QualityCheckerTests
{
    // The household register of the demo province, with a phone, a division code and typed items.
    private static readonly DataItem[] Items =
    [
        new("name", "string", "DE00001"),
        new("idNumber", "string", "DE00002"),
        new("phone", "string", "DE00003"),
        new("division", "string", "DE00005"),
        new("birthDate", "date", "DE00007"),
        new("registeredOn", "Date"),
        new("income", "decimal"),
        new("household", "integer"),
        new("note", "text"),
        new("creditCode", "string", "DE01001"),
        new("legacy", "date", "DE09999"), // an element the platform does not know: checked by its type
    ];

    private static readonly string?[] ValidRow =
        ["张三", "340104199001011239", "13812345678", "340104", "1990-01-01", "2008-06-30", "5230.50", "3", "任何文字", "91340100MA2N0C4D50", "2001-01-01"];

    private static readonly QualityChecker Checker = new(Items, new DateOnly(2026, 11, 25));

    [Fact]
    public void Art19_a_valid_row_has_no_errors() => Assert.Empty(Checker.CheckRow(1, ValidRow));

    [Fact]
    public void Art19_empty_values_are_absent_not_errors() =>
        Assert.Empty(Checker.CheckRow(1, ["", null, "", null, "", "", null, "", null, "", ""]));

    [Fact]
    public void Art19_each_item_is_checked_with_its_element_or_type_rule()
    {
        Assert.Equal(
            [null, "GB 11643", "mobile", "GB/T 2260", "birth date", "type:date", "type:decimal", "type:integer", null, "GB 32100", "type:date"],
            Checker.Rules.Select(r => r?.Name));
    }

    [Theory]
    [InlineData(1, "340104199001011238", "GB 11643")]
    [InlineData(2, "1381234567", "mobile")]
    [InlineData(3, "320102", "GB/T 2260")]
    [InlineData(4, "2030-01-01", "birth date")]
    [InlineData(5, "2008-02-30", "type:date")]
    [InlineData(6, "5,230.50", "type:decimal")]
    [InlineData(7, "3.5", "type:integer")]
    [InlineData(9, "91340100MA2N0C4D51", "GB 32100")]
    [InlineData(10, "2001/01/01", "type:date")]
    public void Art19_a_bad_value_is_an_error_of_its_item_and_rule(int column, string value, string rule)
    {
        var row = (string?[])ValidRow.Clone();
        row[column] = value;
        var error = Assert.Single(Checker.CheckRow(42, row));
        Assert.Equal(42, error.Line);
        Assert.Equal(Items[column].Name, error.Field);
        Assert.Equal(rule, error.Rule);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void Art19_every_bad_value_of_a_row_is_reported_in_item_order()
    {
        var row = (string?[])ValidRow.Clone();
        row[7] = "many";
        row[1] = "not a number";
        Assert.Equal(["idNumber", "household"], Checker.CheckRow(7, row).Select(e => e.Field));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(12)]
    [InlineData(0)]
    public void Art19_a_row_with_the_wrong_number_of_values_is_one_error_of_the_row(int count)
    {
        var error = Assert.Single(Checker.CheckRow(3, new string?[count]));
        Assert.Null(error.Field);
        Assert.Equal("columns", error.Rule);
        Assert.Contains($"{count} values", error.Message);
    }

    [Fact]
    public void Without_today_a_future_birth_date_is_not_checked()
    {
        var row = (string?[])ValidRow.Clone();
        row[4] = "2030-01-01";
        Assert.Empty(new QualityChecker(Items).CheckRow(1, row));
    }

    [Fact]
    public void Art19_a_valid_row_allocates_nothing()
    {
        Checker.CheckRow(1, ValidRow);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var line = 0; line < 1000; line++)
        {
            Checker.CheckRow(line, ValidRow);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}

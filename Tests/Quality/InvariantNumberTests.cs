using DataSharing.Quality;

namespace DataSharing.Tests.Quality;

public sealed class InvariantNumberTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("-42")]
    [InlineData("+7")]
    [InlineData("1234.5678")]
    [InlineData("-0.001")]
    [InlineData("79228162514264337593543950335")] // decimal.MaxValue
    public void Art19_a_decimal_in_invariant_form_is_valid(string value) => Assert.Null(InvariantNumber.ValidateDecimal(value));

    [Theory]
    [InlineData("1,000")] // a thousand here, one in de-DE
    [InlineData("1,5")]
    [InlineData("1e5")]
    [InlineData("1.2.3")]
    [InlineData(" 12")]
    [InlineData("12 ")]
    [InlineData("¥12")]
    [InlineData("12元")]
    [InlineData("NaN")]
    [InlineData("79228162514264337593543950336")]
    public void Art19_a_decimal_with_separators_exponents_or_units_is_wrong(string value) =>
        Assert.Contains("not a decimal", InvariantNumber.ValidateDecimal(value));

    [Theory]
    [InlineData("0")]
    [InlineData("-9223372036854775808")]
    [InlineData("9223372036854775807")]
    [InlineData("+15")]
    public void Art19_an_integer_in_invariant_form_is_valid(string value) => Assert.Null(InvariantNumber.ValidateInteger(value));

    [Theory]
    [InlineData("1.0")]
    [InlineData("1,000")]
    [InlineData("9223372036854775808")]
    [InlineData("12a")]
    [InlineData("")]
    public void Art19_an_integer_with_a_point_separator_or_overflow_is_wrong(string value) =>
        Assert.Contains("not an integer", InvariantNumber.ValidateInteger(value));
}

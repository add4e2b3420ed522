using DataSharing.Quality;

namespace DataSharing.Tests.Quality;

public sealed class MobileNumberTests
{
    [Theory]
    [InlineData("13812345678")]
    [InlineData("15956781234")]
    [InlineData("19900001111")]
    public void Art19_an_eleven_digit_mainland_mobile_number_is_valid(string number) => Assert.Null(MobileNumber.Validate(number));

    [Theory]
    [InlineData("1381234567", "10 characters")]
    [InlineData("138123456789", "12 characters")]
    [InlineData("+8613812345", "only digits")]
    [InlineData("138-1234567", "only digits")]
    [InlineData("1381234567a", "only digits")]
    [InlineData("12812345678", "starts with 13 to 19")]
    [InlineData("23812345678", "starts with 13 to 19")]
    [InlineData("05512345678", "starts with 13 to 19")] // a Hefei landline
    public void Art19_a_wrong_number_says_what_is_wrong(string number, string says) =>
        Assert.Contains(says, MobileNumber.Validate(number));
}

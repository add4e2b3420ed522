using DataSharing.Quality;

namespace DataSharing.Tests.Quality;

/// <summary>GB 11643-1999 identity numbers. The valid ones are built here with the algorithm (Σ digit × weight mod 11 → "10X98765432").</summary>
public sealed class ResidentIdentityNumberTests
{
    [Theory]
    [InlineData("11010519491231002X")] // the standard's own example: Σ = 167, 167 mod 11 = 2 → X
    [InlineData("340104199001011239")] // Hefei Shushan, 1990-01-01: Σ = 179, mod 11 = 3 → 9
    [InlineData("340104199003070021")] // Σ = 209, mod 11 = 0 → 1
    [InlineData("340203200002294562")] // a leap day, 2000-02-29: Σ = 230, mod 11 = 10 → 2
    [InlineData("340122198511115554")] // Σ = 261, mod 11 = 8 → 4
    public void Art19_a_number_with_its_check_character_is_valid(string number) => Assert.Null(ResidentIdentityNumber.Validate(number));

    [Theory]
    [InlineData("34010419900101123", '9')]
    [InlineData("11010519491231002", 'X')]
    [InlineData("34010419900307002", '1')]
    public void Art19_the_check_character_follows_GB_11643(string first17, char check) =>
        Assert.Equal(check, ResidentIdentityNumber.CheckCharacter(first17));

    [Theory]
    [InlineData("340104199001011238", "check character is 8; digits 1-17 give 9")]
    [InlineData("110105194912310021", "check character is 1; digits 1-17 give X")]
    [InlineData("34010419900101123", "17 characters")]
    [InlineData("3401041990010112390", "19 characters")]
    [InlineData("", "0 characters")]
    [InlineData("3401041990010112X9", "Character 17 is not a digit")]
    [InlineData("34010A199001011239", "Character 6 is not a digit")]
    [InlineData("11010519491231002x", "lower-case x")]
    [InlineData("11010519491231002Y", "neither a digit nor X")]
    [InlineData("040104199001011239", "starts with 0")]
    [InlineData("340104199002301239", "not a birth date")] // February 30th
    [InlineData("340104190002291239", "not a birth date")] // 1900 was not a leap year
    [InlineData("340104189912311239", "not a birth date")] // before 1900
    [InlineData("340104199013011239", "not a birth date")] // month 13
    public void Art19_a_wrong_number_says_what_is_wrong(string number, string says) =>
        Assert.Contains(says, ResidentIdentityNumber.Validate(number));

    [Fact]
    public void Art19_a_birth_date_after_today_is_wrong_when_today_is_given()
    {
        const string born2010 = "340104201010100014"; // 2010-10-10: Σ = 107, mod 11 = 8 → 4
        Assert.Null(ResidentIdentityNumber.Validate(born2010));
        Assert.Null(ResidentIdentityNumber.Validate(born2010, new DateOnly(2010, 10, 10)));
        Assert.Contains("after 2010-10-09", ResidentIdentityNumber.Validate(born2010, new DateOnly(2010, 10, 9)));
    }

    [Fact]
    public void Art39_a_message_never_quotes_the_number() =>
        Assert.DoesNotContain("3401041990", ResidentIdentityNumber.Validate("340104199001011238"));

    [Fact]
    public void The_birth_date_is_read_from_digits_7_to_14()
    {
        Assert.True(ResidentIdentityNumber.TryGetBirthDate("11010519491231002X", out var birth));
        Assert.Equal(new DateOnly(1949, 12, 31), birth);
        Assert.False(ResidentIdentityNumber.TryGetBirthDate("1101051949123100", out _));
    }
}

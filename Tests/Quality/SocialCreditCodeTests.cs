using DataSharing.Quality;

namespace DataSharing.Tests.Quality;

/// <summary>
/// GB 32100-2015 credit codes. The valid ones are built here: Σ value × weight over the first 17 characters (values
/// are positions in "0123456789ABCDEFGHJKLMNPQRTUWXY"), check = 31 − Σ mod 31, 31 → 0.
/// </summary>
public sealed class SocialCreditCodeTests
{
    [Theory]
    [InlineData("91340100MA2N0C4D50")] // a Hefei company: Σ = 2077 = 67 × 31, so 31 − 0 = 31 → 0
    [InlineData("91110000100000000R")] // Σ = 68, mod 31 = 6, 31 − 6 = 25 → R
    [InlineData("12340000003010000P")] // an Anhui public institution: Σ = 225, mod 31 = 8, 23 → P
    [InlineData("52340100MA2T5NUJ8B")] // a Hefei social organization: Σ = 2872, mod 31 = 20, 11 → B
    public void Art19_a_code_with_its_check_character_is_valid(string code) => Assert.Null(SocialCreditCode.Validate(code));

    [Theory]
    [InlineData("91340100MA2N0C4D5", '0')]
    [InlineData("91110000100000000", 'R')]
    [InlineData("52340100MA2T5NUJ8", 'B')]
    public void Art19_the_check_character_follows_GB_32100(string first17, char check) =>
        Assert.Equal(check, SocialCreditCode.CheckCharacter(first17));

    [Theory]
    [InlineData("91340100MA2N0C4D51", "check character is 1; characters 1-17 give 0")]
    [InlineData("91110000100000000P", "check character is P; characters 1-17 give R")]
    [InlineData("91340100MA2N0C4D5", "17 characters")]
    [InlineData("91340100MA2N0C4D500", "19 characters")]
    [InlineData("91340100MA2N0C4DI0", "Character 17 is not one of the code's characters")] // I reads like 1
    [InlineData("91340100MA2N0C4DO0", "Character 17 is not one of the code's characters")] // O reads like 0
    [InlineData("91340100MA2N0C4D-0", "Character 17 is not one of the code's characters")]
    [InlineData("91340100ma2n0c4d50", "lower-case")]
    [InlineData("913401A0MA2N0C4D50", "not an administrative division code")]
    public void Art19_a_wrong_code_says_what_is_wrong(string code, string says) =>
        Assert.Contains(says, SocialCreditCode.Validate(code));

    [Fact]
    public void A_full_width_character_is_not_a_code_character() =>
        Assert.Contains("Character 1", SocialCreditCode.Validate("９1340100MA2N0C4D50"));
}

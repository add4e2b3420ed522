using DataSharing.OpenData;

namespace DataSharing.Tests.OpenData;

/// <summary>Art 36, 39: masked values keep what identifies the kind of value, not the person.</summary>
public sealed class MaskTests
{
    [Theory]
    [InlineData("340104199001011239", 6, 4, "340104********1239")]
    [InlineData("11010519491231002X", 6, 4, "110105********002X")]
    [InlineData("13812345678", 3, 4, "138****5678")]
    [InlineData("91340100MA2N0C4D50", 8, 2, "91340100********50")]
    public void Art36_identity_phone_and_credit_codes_keep_their_ends(string value, int prefix, int suffix, string masked) =>
        Assert.Equal(masked, Mask.Apply(value, prefix, suffix));

    [Theory]
    [InlineData("张", "*")] // keeping the surname would keep the whole name
    [InlineData("张三", "张*")]
    [InlineData("张三丰", "张**")]
    [InlineData("欧阳娜娜", "欧***")] // a compound surname is not told from a given name: only the first character is kept
    public void Art36_a_name_keeps_its_surname(string name, string masked) => Assert.Equal(masked, Mask.Apply(name, 1, 0));

    [Fact]
    public void Art36_a_rare_character_outside_the_BMP_is_masked_whole()
    {
        const string name = "王𠀾"; // U+2003E is two UTF-16 units
        Assert.Equal("王*", Mask.Apply(name, 1, 0));
        Assert.Equal("*", Mask.Apply("𠀾", 1, 0));
        Assert.Equal("𠀾**", Mask.Apply("𠀾王五", 1, 0));
    }

    [Theory]
    [InlineData("1381234", 3, 4, "138****")] // too short for both ends: at most half kept, from the start
    [InlineData("12", 3, 4, "1*")]
    [InlineData("1", 3, 4, "*")]
    [InlineData("abcdef", 0, 0, "******")]
    [InlineData("", 3, 4, "")]
    public void Art39_a_value_too_short_for_the_mask_never_shows_more_than_half(string value, int prefix, int suffix, string masked) =>
        Assert.Equal(masked, Mask.Apply(value, prefix, suffix));

    [Fact]
    public void A_negative_length_is_a_programming_error() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Mask.Apply("abc", -1, 0));
}

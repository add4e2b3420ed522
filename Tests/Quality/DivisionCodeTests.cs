using DataSharing.Quality;

namespace DataSharing.Tests.Quality;

/// <summary>GB/T 2260 codes of Anhui: the province, its 16 cities and the counties under them.</summary>
public sealed class DivisionCodeTests
{
    [Theory]
    [InlineData("340000")] // Anhui
    [InlineData("340100")] // Hefei
    [InlineData("340104")] // Hefei, Shushan district
    [InlineData("340181")] // Chaohu, a county-level city under Hefei
    [InlineData("341000")] // Huangshan
    [InlineData("341800")] // Xuancheng
    [InlineData("341882")] // Guangde
    public void Art19_codes_of_the_province_its_cities_and_their_counties_are_valid(string code) => Assert.Null(DivisionCode.Validate(code));

    [Theory]
    [InlineData("110000", "outside Anhui")] // Beijing
    [InlineData("320100", "outside Anhui")] // Nanjing
    [InlineData("340900", "3409 is not a prefecture-level city")]
    [InlineData("341400", "3414 is not a prefecture-level city")] // Chaohu, a prefecture until 2011
    [InlineData("341921", "3419 is not a prefecture-level city")]
    [InlineData("340001", "only 340000")]
    [InlineData("34010", "5 characters")]
    [InlineData("3401040", "7 characters")]
    [InlineData("34O100", "only digits")]
    public void Art19_a_wrong_code_says_what_is_wrong(string code, string says) => Assert.Contains(says, DivisionCode.Validate(code));

    [Fact]
    public void The_sixteen_cities_are_exactly_the_codes_accepted_as_cities()
    {
        Assert.Equal(16, DivisionCode.Cities.Count);
        for (var city = 3401; city <= 3499; city++)
        {
            var code = $"{city}00";
            Assert.Equal(DivisionCode.Cities.ContainsKey(code), DivisionCode.Validate(code) is null);
        }
    }

    [Theory]
    [InlineData("340104", "340100")]
    [InlineData("340100", "340100")]
    [InlineData("341882", "341800")]
    [InlineData("340000", "340000")]
    [InlineData("110105", null)]
    public void A_code_belongs_to_its_city(string code, string? city) => Assert.Equal(city, DivisionCode.CityOf(code));
}

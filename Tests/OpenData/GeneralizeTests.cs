using DataSharing.Catalog;
using DataSharing.OpenData;

namespace DataSharing.Tests.OpenData;

/// <summary>Art 36: generalized values say where and when in general, not who.</summary>
public sealed class GeneralizeTests
{
    [Theory]
    [InlineData("1990-01-01", "1990")]
    [InlineData("2024-02-29", "2024")]
    [InlineData("2026-02-29", null)] // not a date: nothing shown rather than the value
    [InlineData("1990/01/01", null)]
    public void Art36_a_date_becomes_its_year(string date, string? year) => Assert.Equal(year, Generalize.Year(date));

    [Theory]
    [InlineData("340104199001011239", "1990")]
    [InlineData("11010519491231002X", "1949")]
    [InlineData("340104199002301239", null)] // no such birth date
    [InlineData("3401041990", null)]
    public void Art36_an_identity_number_becomes_its_birth_year(string number, string? year) => Assert.Equal(year, Generalize.BirthYear(number));

    [Theory]
    [InlineData("安徽省合肥市蜀山区长江西路100号", "安徽省合肥市蜀山区")]
    [InlineData("安徽省合肥市肥西县上派镇新华路8号", "安徽省合肥市肥西县")]
    [InlineData("蜀山区长江西路100号", "蜀山区")]
    [InlineData("安徽省合肥市市辖区某路1号", "安徽省合肥市市辖区")]
    [InlineData("安徽省某县级市人民路2号", "安徽省某县级市")]
    [InlineData("安徽省合肥市经济技术开发区锦绣大道", "安徽省合肥市经济技术开发区")]
    [InlineData("合肥市阳光小区3栋", "合肥市阳光小")] // 小区 is a housing estate, not a district: the first 6 characters
    [InlineData("合肥市和平社区居委会", "合肥市和平社")] // 社区 neither
    [InlineData("长江西路100号", "长江西路10")]
    [InlineData("合肥", "合肥")]
    public void Art36_an_address_becomes_its_district_or_county(string address, string district) =>
        Assert.Equal(district, Generalize.District(address));

    [Fact]
    public void Art36_a_marker_deep_in_the_street_part_is_not_a_district() =>
        Assert.Equal("安徽省合肥市", Generalize.District("安徽省合肥市长江西路与金寨路交口往南二百米处的城区"));

    [Fact]
    public void Art36_the_characters_kept_without_a_district_are_configurable()
    {
        Assert.Equal("长江西", Generalize.District("长江西路100号", 3));
        Assert.Equal("𠀾", Generalize.District("𠀾路1号", 1)); // a character outside the BMP is kept whole
    }

    [Theory]
    [InlineData("340104", "340100")]
    [InlineData("341882", "341800")]
    [InlineData("340000", "340000")]
    [InlineData("320102", null)]
    public void Art36_a_division_code_becomes_its_city(string code, string? city) => Assert.Equal(city, Generalize.City(code));

    [Theory]
    [InlineData("date", null, Generalization.Year)]
    [InlineData("string", "DE00002", Generalization.BirthYear)]
    [InlineData("string", "DE00004", Generalization.District)]
    [InlineData("string", "DE00005", Generalization.City)]
    [InlineData("date", "DE00007", Generalization.Year)]
    [InlineData("string", null, Generalization.District)]
    [InlineData("text", null, Generalization.District)]
    [InlineData("decimal", null, null)]
    [InlineData("geojson", null, null)]
    [InlineData("string", "DE00001", null)]
    [InlineData("string", "DE00003", null)]
    public void Art36_what_an_item_generalizes_to_follows_its_element_or_type(string type, string? element, Generalization? kind) =>
        Assert.Equal(kind, Generalize.For(new DataItem("item", type, element)));
}

using DataSharing.OpenData;
using DataSharing.Quality;

namespace DataSharing.Tests.Quality;

public sealed class StandardElementsTests
{
    [Theory]
    [InlineData("DE00001", null, DesensitizationMethod.Mask)]
    [InlineData("DE00002", "GB 11643", DesensitizationMethod.Mask)]
    [InlineData("DE00003", "mobile", DesensitizationMethod.Mask)]
    [InlineData("DE00004", null, DesensitizationMethod.Generalize)]
    [InlineData("DE00005", "GB/T 2260", DesensitizationMethod.Keep)]
    [InlineData("DE00007", "birth date", DesensitizationMethod.Generalize)]
    [InlineData("DE01001", "GB 32100", DesensitizationMethod.Keep)]
    [InlineData("DE01002", null, DesensitizationMethod.Keep)]
    public void Art19_Art36_each_element_has_its_rule_and_default_desensitization(string code, string? rule, DesensitizationMethod method)
    {
        var element = StandardElements.Find(code);
        Assert.NotNull(element);
        Assert.Equal(rule, element.Rule?.Name);
        Assert.Equal(method, element.DefaultMethod);
    }

    [Fact]
    public void Codes_are_unique_and_unknown_codes_are_not_found()
    {
        Assert.Equal(StandardElements.All.Count, StandardElements.All.Select(e => e.Code).Distinct().Count());
        Assert.Null(StandardElements.Find("DE09999"));
        Assert.Null(StandardElements.Find(null));
        Assert.Null(StandardElements.Find("de00002"));
    }

    [Fact]
    public void The_default_rule_names_the_item() =>
        Assert.Equal(new DesensitizationRule("idNumber", DesensitizationMethod.Mask, 6, 4), StandardElements.IdentityNumber.DefaultRule("idNumber"));
}

using DataSharing.Catalog;
using DataSharing.Common;
using DataSharing.OpenData;

namespace DataSharing.Tests.OpenData;

/// <summary>Art 36, 39: what a reader of open data receives.</summary>
public sealed class DesensitizerTests
{
    private const string Key = "a test key of thirty-two characters or more";

    private static readonly DataItem[] Items =
    [
        new("name", "string", "DE00001"),
        new("idNumber", "string", "DE00002"),
        new("phone", "string", "DE00003"),
        new("address", "string", "DE00004"),
        new("division", "string", "DE00005"),
        new("birthDate", "date", "DE00007"),
        new("creditCode", "string", "DE01001"),
        new("householdAddress", "string"),
    ];

    private static readonly string[] Columns = [.. Items.Select(i => i.Name)];

    private static readonly string?[] Row =
        ["张三丰", "340104199001011239", "13812345678", "安徽省合肥市蜀山区长江西路100号", "340104", "1990-01-01", "91340100MA2N0C4D50", "安徽省合肥市肥西县上派镇"];

    private static Desensitizer For(IReadOnlyList<DesensitizationRule> rules, IReadOnlyList<string>? columns = null) =>
        new(DesensitizationRuleSet.Create(Items, rules, new OpenDataOptions { HashKey = Key }), columns ?? Columns);

    [Fact]
    public void Art36_the_defaults_mask_people_generalize_places_and_keep_what_is_public()
    {
        var desensitizer = For([]);
        Assert.Equal(Columns, desensitizer.Columns);
        Assert.Equal(
            ["张**", "340104********1239", "138****5678", "安徽省合肥市蜀山区", "340104", "1990", "91340100MA2N0C4D50", "安徽省合肥市肥西县上派镇"],
            desensitizer.Apply(Row).AsEnumerable());
    }

    [Fact]
    public void Art36_a_dropped_item_leaves_the_output()
    {
        var desensitizer = For([new("idNumber", DesensitizationMethod.Drop), new("birthDate", DesensitizationMethod.Drop)]);
        Assert.Equal(["name", "phone", "address", "division", "creditCode", "householdAddress"], desensitizer.Columns);
        Assert.Equal(["张**", "138****5678"], desensitizer.Apply(Row).Take(2));
        Assert.Equal(6, desensitizer.Apply(Row).Length);
    }

    [Fact]
    public void Art36_the_reader_gets_the_columns_it_asked_for_in_its_order()
    {
        var desensitizer = For([new("name", DesensitizationMethod.Drop)], ["division", "name", "idNumber"]);
        Assert.Equal(["division", "idNumber"], desensitizer.Columns);
        Assert.Equal(["340104", "340104********1239"], desensitizer.Apply(["340104", "张三", "340104199001011239"]).AsEnumerable());
    }

    [Fact]
    public void Art39_a_keyed_hash_column_still_joins_across_datasets()
    {
        var rules = new DesensitizationRule[] { new("idNumber", DesensitizationMethod.KeyedHash, HashLength: 32) };
        var household = For(rules, ["idNumber"]).Apply(["340104199001011239"]);
        var insurance = new Desensitizer(
            DesensitizationRuleSet.Create([new("idNumber", "string", "DE00002"), new("employer", "string")], rules, new OpenDataOptions { HashKey = Key }),
            ["idNumber", "employer"]).Apply(["340104199001011239", "某公司"]);
        Assert.Equal(household[0], insurance[0]);
        Assert.Equal(32, household[0]!.Length);
        Assert.Equal(new KeyedHash(Key).Apply("340104199001011239", 32), household[0]);
    }

    [Fact]
    public void Art36_explicit_generalizations_and_masks_apply()
    {
        var desensitizer = For(
        [
            new("idNumber", DesensitizationMethod.Generalize),
            new("division", DesensitizationMethod.Generalize),
            new("householdAddress", DesensitizationMethod.Generalize),
            new("creditCode", DesensitizationMethod.Mask, 8, 2),
            new("name", DesensitizationMethod.Mask, 0, 0),
        ]);
        Assert.Equal(
            ["***", "1990", "138****5678", "安徽省合肥市蜀山区", "340100", "1990", "91340100********50", "安徽省合肥市肥西县"],
            desensitizer.Apply(Row).AsEnumerable());
    }

    [Fact]
    public void Art39_absent_values_stay_absent_and_a_value_that_cannot_be_generalized_is_not_shown()
    {
        var desensitizer = For([new("idNumber", DesensitizationMethod.Generalize)], ["name", "idNumber", "birthDate"]);
        Assert.Equal([null, "", null], desensitizer.Apply([null, "", "not a date"]).AsEnumerable());
        Assert.Equal([null], For([new("idNumber", DesensitizationMethod.Generalize)], ["idNumber"]).Apply(["3401041990"]).AsEnumerable());
    }

    [Fact]
    public void Art36_a_column_the_entry_does_not_have_is_refused()
    {
        var e = Assert.Throws<ValidationFailedException>(() => For([], ["name", "salary"]));
        Assert.Equal("columns[1]", e.Field);
    }

    [Fact]
    public void A_row_of_another_width_is_a_programming_error() =>
        Assert.Throws<ArgumentException>(() => For([], ["name"]).Apply(["a", "b"]));
}

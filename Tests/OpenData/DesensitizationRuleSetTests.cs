using DataSharing.Catalog;
using DataSharing.Common;
using DataSharing.OpenData;

namespace DataSharing.Tests.OpenData;

/// <summary>Art 36, 39: an entry's desensitization rules are checked against its data items before they are used.</summary>
public sealed class DesensitizationRuleSetTests
{
    private static readonly DataItem[] Items =
    [
        new("name", "string", "DE00001"),
        new("idNumber", "string", "DE00002"),
        new("phone", "string", "DE00003"),
        new("address", "string", "DE00004"),
        new("division", "string", "DE00005"),
        new("birthDate", "date", "DE00007"),
        new("creditCode", "string", "DE01001"),
        new("entityName", "string", "DE01002"),
        new("householdAddress", "string"),
        new("income", "decimal"),
    ];

    private static readonly OpenDataOptions WithKey = new() { HashKey = "a test key of thirty-two characters or more" };
    private static readonly OpenDataOptions NoKey = new();

    private static ValidationFailedException Refused(params DesensitizationRule[] rules) =>
        Assert.Throws<ValidationFailedException>(() => DesensitizationRuleSet.Create(Items, rules, WithKey));

    [Fact]
    public void Art36_without_rules_each_item_gets_its_elements_default_or_is_kept()
    {
        var set = DesensitizationRuleSet.Create(Items, null, NoKey);
        Assert.Equal(
            [
                new("name", DesensitizationMethod.Mask, 1, 0),
                new("idNumber", DesensitizationMethod.Mask, 6, 4),
                new("phone", DesensitizationMethod.Mask, 3, 4),
                new("address", DesensitizationMethod.Generalize),
                new("division", DesensitizationMethod.Keep),
                new("birthDate", DesensitizationMethod.Generalize),
                new("creditCode", DesensitizationMethod.Keep),
                new("entityName", DesensitizationMethod.Keep),
                new("householdAddress", DesensitizationMethod.Keep),
                new DesensitizationRule("income", DesensitizationMethod.Keep),
            ],
            set.Effective);
    }

    [Fact]
    public void Art36_an_explicit_rule_replaces_the_default_of_its_item_only()
    {
        var set = DesensitizationRuleSet.Create(Items,
            [new("idNumber", DesensitizationMethod.KeyedHash, HashLength: 32), new("name", DesensitizationMethod.Keep)], WithKey);
        Assert.Equal(DesensitizationMethod.KeyedHash, set.RuleFor("idNumber")!.Method);
        Assert.Equal(DesensitizationMethod.Keep, set.RuleFor("name")!.Method); // the rights holder consents (Art 36)
        Assert.Equal(DesensitizationMethod.Mask, set.RuleFor("phone")!.Method);
        Assert.Null(set.RuleFor("nothing"));
    }

    [Fact]
    public void Art36_a_rule_for_an_item_the_entry_does_not_have_is_refused()
    {
        var e = Refused(new("name", DesensitizationMethod.Mask), new("salary", DesensitizationMethod.Drop));
        Assert.Equal("desensitization[1].item", e.Field);
        Assert.Contains("no data item 'salary'", e.Detail);
        Assert.Equal("Art 36", e.Article);
    }

    [Fact]
    public void Art36_item_names_are_matched_exactly() =>
        Assert.Equal("desensitization[0].item", Refused(new DesensitizationRule("IDNUMBER", DesensitizationMethod.Drop)).Field);

    [Fact]
    public void Art36_two_rules_for_one_item_are_refused() =>
        Assert.Contains("two rules", Refused(new("phone", DesensitizationMethod.Drop), new("phone", DesensitizationMethod.Mask)).Detail);

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void Art36_a_rule_without_an_item_is_refused(string item) =>
        Assert.Equal("desensitization[0].item", Refused(new DesensitizationRule(item, DesensitizationMethod.Drop)).Field);

    [Fact]
    public void Art36_a_null_rule_is_refused_by_position() =>
        Assert.Equal("desensitization[0]", Assert.Throws<ValidationFailedException>(() =>
            DesensitizationRuleSet.Create(Items, [null!], WithKey)).Field);

    [Fact]
    public void Art36_an_unknown_method_is_refused() =>
        Assert.Equal("desensitization[0].method", Refused(new DesensitizationRule("phone", (DesensitizationMethod)42)).Field);

    [Theory]
    [InlineData(DesensitizationMethod.Mask, -1, null, null, "prefix")]
    [InlineData(DesensitizationMethod.Mask, null, 33, null, "suffix")]
    [InlineData(DesensitizationMethod.Mask, null, null, 16, "hashLength")]
    [InlineData(DesensitizationMethod.KeyedHash, null, null, 8, "hashLength")]
    [InlineData(DesensitizationMethod.KeyedHash, null, null, 65, "hashLength")]
    [InlineData(DesensitizationMethod.KeyedHash, 3, null, null, "prefix")]
    [InlineData(DesensitizationMethod.Keep, 3, null, null, "prefix")]
    [InlineData(DesensitizationMethod.Drop, null, 2, null, "suffix")]
    [InlineData(DesensitizationMethod.Generalize, null, 2, null, "suffix")]
    public void Art36_parameters_out_of_range_or_foreign_to_the_method_are_refused(
        DesensitizationMethod method, int? prefix, int? suffix, int? hashLength, string field) =>
        Assert.Equal($"desensitization[0].{field}", Refused(new DesensitizationRule("householdAddress", method, prefix, suffix, hashLength)).Field);

    [Theory]
    [InlineData("name")] // a name has no coarser form
    [InlineData("phone")]
    [InlineData("income")]
    public void Art36_generalizing_what_cannot_be_generalized_is_refused(string item)
    {
        var e = Refused(new DesensitizationRule(item, DesensitizationMethod.Generalize));
        Assert.Equal("desensitization[0].method", e.Field);
        Assert.Contains("cannot be generalized", e.Detail);
    }

    [Fact]
    public void Art36_only_text_generalization_takes_the_characters_kept()
    {
        DesensitizationRuleSet.Create(Items, [new("householdAddress", DesensitizationMethod.Generalize, Prefix: 9)], NoKey);
        Assert.Equal("desensitization[0].prefix", Refused(new DesensitizationRule("householdAddress", DesensitizationMethod.Generalize, Prefix: 0)).Field);
        Assert.Equal("desensitization[0].prefix", Refused(new DesensitizationRule("birthDate", DesensitizationMethod.Generalize, Prefix: 4)).Field);
    }

    [Fact]
    public void Art39_a_keyed_hash_without_a_configured_key_is_refused_and_says_how_to_configure_one()
    {
        var e = Assert.Throws<ValidationFailedException>(() =>
            DesensitizationRuleSet.Create(Items, [new("idNumber", DesensitizationMethod.KeyedHash)], NoKey));
        Assert.Equal("desensitization[0].method", e.Field);
        Assert.Contains("OpenData__HashKey", e.Detail);
    }

    [Fact]
    public void Art39_a_keyed_hash_with_a_short_key_is_refused() =>
        Assert.Contains("at least 32", Assert.Throws<ValidationFailedException>(() =>
            DesensitizationRuleSet.Create(Items, [new("idNumber", DesensitizationMethod.KeyedHash)], new OpenDataOptions { HashKey = "secret" })).Detail);

    [Fact]
    public void Art39_without_a_key_the_defaults_still_apply() => DesensitizationRuleSet.Create(Items, [], NoKey);

    [Fact]
    public void The_field_of_an_error_follows_the_callers_name_for_the_rules() =>
        Assert.Equal("openData.rules[0].item", Assert.Throws<ValidationFailedException>(() =>
            DesensitizationRuleSet.Create(Items, [new("x", DesensitizationMethod.Drop)], NoKey, "openData.rules")).Field);
}

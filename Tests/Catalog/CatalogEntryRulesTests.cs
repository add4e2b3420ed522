using DataSharing.Catalog;
using DataSharing.Common;
using DataSharing.Tests.Support;

namespace DataSharing.Tests.Catalog;

public sealed class CatalogEntryRulesTests
{
    [Fact]
    public void A_complete_conditional_entry_is_accepted() => CatalogEntryRules.Validate(Samples.ConditionalEntry());

    [Theory]
    [InlineData(ShareType.Conditional, "shareReason")]
    [InlineData(ShareType.NotShared, "shareReason")]
    public void Art22_a_restricted_entry_without_a_reason_is_rejected(ShareType type, string field)
    {
        var e = Assert.Throws<ValidationFailedException>(() => CatalogEntryRules.Validate(Samples.ConditionalEntry() with { ShareType = type, ShareReason = null }));
        Assert.Equal(field, e.Field);
        Assert.Equal("Art 22", e.Article);
    }

    [Fact]
    public void Art22_a_restricted_entry_without_a_legal_basis_is_rejected()
    {
        var e = Assert.Throws<ValidationFailedException>(() => CatalogEntryRules.Validate(Samples.ConditionalEntry() with { ShareType = ShareType.NotShared, LegalBasis = "" }));
        Assert.Equal("legalBasis", e.Field);
    }

    [Fact]
    public void Art22_an_unconditional_entry_needs_no_reason() =>
        CatalogEntryRules.Validate(Samples.ConditionalEntry() with { ShareType = ShareType.Unconditional, ShareReason = null, LegalBasis = null, ShareConditions = null });

    [Fact]
    public void Art13_an_entry_without_data_items_or_format_is_rejected()
    {
        Assert.Equal("dataItems", Assert.Throws<ValidationFailedException>(() => CatalogEntryRules.Validate(Samples.ConditionalEntry() with { DataItems = [] })).Field);
        Assert.Equal("format", Assert.Throws<ValidationFailedException>(() => CatalogEntryRules.Validate(Samples.ConditionalEntry() with { Format = "" })).Field);
    }

    [Fact]
    public void Art24_a_blank_required_material_is_rejected_by_position() =>
        Assert.Equal("requiredMaterials[1]", Assert.Throws<ValidationFailedException>(() =>
            CatalogEntryRules.Validate(Samples.ConditionalEntry() with { RequiredMaterials = ["Letter", " "] })).Field);
}

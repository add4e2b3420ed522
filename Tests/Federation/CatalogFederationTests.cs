using DataSharing.Catalog;
using DataSharing.Tests.Support;

namespace DataSharing.Tests.Federation;

/// <summary>Which entries the linked platforms list, and what a copy is (Art 22, 23), without a silo.</summary>
public sealed class CatalogFederationTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 9, 0, 0, TimeSpan.FromHours(8));

    private static CatalogEntryView Entry(CatalogEntryStatus status = CatalogEntryStatus.Published, ShareScope scope = ShareScope.Federation,
        ShareType type = ShareType.Conditional, string code = "340000-GA-0007") =>
        new(code, status, 3, Samples.ConditionalEntry(CatalogCodes.DepartmentOf(code)) with { ShareScope = scope, ShareType = type },
            Now, Now, status == CatalogEntryStatus.Draft ? null : Now, null, UnderReview: ["RV-1"], SuspendedBy: ["IN-1"]);

    [Fact]
    public void Art23_an_entry_is_shared_with_the_other_levels_once_published_unless_kept_to_its_platform()
    {
        Assert.True(CatalogFederation.Shared(Entry()));
        Assert.True(CatalogFederation.Shared(Entry(CatalogEntryStatus.Retired)));
        Assert.False(CatalogFederation.Shared(Entry(CatalogEntryStatus.Draft)));
        Assert.False(CatalogFederation.Shared(Entry(scope: ShareScope.Platform)));
        // Art 22: data not suitable to provide is offered to no platform either.
        Assert.False(CatalogFederation.Shared(Entry(type: ShareType.NotShared)));
        // The default of an entry compiled before the attribute existed.
        Assert.Equal(ShareScope.Federation, new CatalogEntryContent().ShareScope);
    }

    [Fact]
    public void Art23_a_copy_is_held_only_from_the_platform_its_code_belongs_to_and_never_over_this_platforms_own()
    {
        var copy = new CatalogEntryCopy("340000", 4, true, CatalogFederation.Portable(Entry()));
        Assert.True(CatalogFederation.MayHold("340000-GA-0007", copy, "340100"));
        Assert.False(CatalogFederation.MayHold("340000-GA-0007", copy, "340000"));
        Assert.False(CatalogFederation.MayHold("340000-GA-0008", copy, "340100"));
        Assert.False(CatalogFederation.MayHold("340000-GA-0007", copy with { Origin = "340200" }, "340100"));
        Assert.False(CatalogFederation.MayHold("340000-GA-0007", copy, null));
    }

    [Fact]
    public void Art23_a_copy_carries_its_origin_without_the_owners_marks_and_is_retired_once_no_longer_shared()
    {
        var copy = CatalogFederation.CopyOf(new CatalogEntryCopy("340000", 4, true, CatalogFederation.Portable(Entry())), "340000", Now);
        Assert.Equal(new CatalogEntryOrigin("340000", "340000", 4, Now), copy.Origin);
        Assert.True(copy.IsCopy);
        Assert.Null(copy.UnderReview);
        Assert.Null(copy.SuspendedBy);
        Assert.Equal(CatalogEntryStatus.Published, copy.Status);
        Assert.Equal("340000", CatalogEntrySummary.Of(copy).OriginPlatform);

        var ended = CatalogFederation.CopyOf(new CatalogEntryCopy("340000", 5, false, Entry(scope: ShareScope.Platform)), "340000", Now);
        Assert.Equal(CatalogEntryStatus.Retired, ended.Status);
        Assert.Contains("no longer shares", ended.RetiredReason);
    }
}

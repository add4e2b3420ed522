using DataSharing.Common;
using DataSharing.Federation;

namespace DataSharing.Catalog;

/// <summary>
/// Which entries the linked platforms list (Art 23), and what a copy of one is. Shared beyond its platform: an entry
/// that has been published, whose <see cref="ShareScope"/> is <see cref="ShareScope.Federation"/> and whose share type
/// is not <see cref="ShareType.NotShared"/> (Art 22: data not suitable to provide is offered to no one). Once an entry
/// has been shared, every later act of its owner is reported, so a retirement, an edit and a narrowing that ends the
/// sharing all reach the copies.
/// </summary>
public static class CatalogFederation
{
    public static bool Shared(CatalogEntryView entry) =>
        entry is { Origin: null, PublishedAt: not null }
        && entry.Content.ShareScope == ShareScope.Federation
        && entry.Content.ShareType != ShareType.NotShared;

    /// <summary>
    /// The entry as another platform holds it: without the marks that belong to the owner's platform (reviews,
    /// incidents and emergency openings there are acted on there, where the data is served).
    /// </summary>
    public static CatalogEntryView Portable(CatalogEntryView entry) =>
        entry with { UnderReview = null, SuspendedBy = null, EmergencyOpenings = null, Origin = null };

    /// <summary>
    /// Whether <paramref name="copy"/> may be held here under <paramref name="code"/>: it names that entry, the entry's
    /// code belongs to the copy's origin, and the origin is another platform (a peer vouches for the platform it
    /// relays for, never for this one's entries).
    /// </summary>
    public static bool MayHold(string code, CatalogEntryCopy copy, string? localPlatform) =>
        localPlatform is not null
        && copy.Origin != localPlatform
        && copy.Entry.Code == code
        && copy.Entry.Content.ProviderDepartment == CatalogCodes.DepartmentOf(code)
        && FederationRouting.PlatformOf(CatalogCodes.DepartmentOf(code)) == copy.Origin;

    /// <summary>The copy as this platform holds it: retired here once its owner no longer shares it.</summary>
    public static CatalogEntryView CopyOf(CatalogEntryCopy copy, string via, DateTimeOffset now)
    {
        var entry = Portable(copy.Entry) with { Origin = new CatalogEntryOrigin(copy.Origin, via, copy.Act, now) };
        return copy.Shared || entry.Status == CatalogEntryStatus.Retired
            ? entry
            : entry with { Status = CatalogEntryStatus.Retired, RetiredReason = $"Platform {copy.Origin} no longer shares this entry with other platforms (Art 22, 23)." };
    }

    /// <summary>
    /// The entry, if this platform owns it. What acts on an entry's data is done where the data is served, on the
    /// owner's platform (Art 23): a review, an access check and a read of a copy are sent there (<c>ReviewGrain</c>,
    /// <see cref="Federation.FederationReads"/>) and meet this guard only on the paths that serve here; an incident,
    /// an emergency or a conditional opening of a copy is refused, naming the owner, rather than opened here where no
    /// department can answer it.
    /// </summary>
    public static CatalogEntryView Owned(CatalogEntryView entry, string field, string article) => entry.Origin is { } origin
        ? throw new ValidationFailedException(field,
            $"Catalog entry {entry.Code} is platform {origin.Platform}'s, which serves its data; this platform holds a copy. Apply there ({article}).", article)
        : entry;

    /// <summary>Who acts on a copy: the peer that delivered it, for the owning department (audit and history).</summary>
    public static Actor Peer(string platform, string department) => new($"platform:{platform}", Role.FederationPeer, department);
}

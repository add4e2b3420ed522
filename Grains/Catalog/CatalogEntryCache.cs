using DataSharing.Common;
using Microsoft.Extensions.Options;

namespace DataSharing.Catalog;

/// <summary>
/// Catalog entries held in every silo, so that reading a popular entry (and every access check, which looks its entry
/// up) is not funnelled through the entry's one activation. An entry's grain puts each new version here in its own
/// silo; other silos see it within <see cref="CacheOptions.CatalogMaxAge"/>.
/// </summary>
public sealed class CatalogEntryCache(IGrainFactory grains, PlatformClock clock, IOptions<CacheOptions> options)
{
    private readonly ReadThroughCache<string, CatalogEntryView?> _entries = new(options.Value.CatalogMaxAge, 100_000, clock.Time);

    public async ValueTask<CatalogEntryView?> Get(string code, bool fresh = false)
    {
        var entry = await _entries.Get(code, c => grains.GetGrain<ICatalogEntryGrain>(c).Get(), fresh);
        if (entry is null)
        {
            // An entry drafted a moment later in another silo is found by the next read, not after MaxAge.
            _entries.Invalidate(code);
        }

        return entry;
    }

    /// <summary>
    /// The entry if it is published. The cache is trusted to say "published", not "not published": an entry published a
    /// moment ago in another silo is read afresh before a request for it is refused.
    /// </summary>
    public async ValueTask<CatalogEntryView?> Published(string code) =>
        await Get(code) is { Status: CatalogEntryStatus.Published } entry ? entry
        : await Get(code, fresh: true) is { Status: CatalogEntryStatus.Published } fresh ? fresh
        : null;

    public void Put(CatalogEntryView entry) => _entries.Put(entry.Code, entry);
}

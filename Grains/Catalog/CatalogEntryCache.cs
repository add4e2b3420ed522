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

    public async ValueTask<CatalogEntryView?> Get(string code)
    {
        var entry = await _entries.Get(code, c => grains.GetGrain<ICatalogEntryGrain>(c).Get());
        if (entry is null)
        {
            // An entry drafted a moment later in another silo is found by the next read, not after MaxAge.
            _entries.Invalidate(code);
        }

        return entry;
    }

    public void Put(CatalogEntryView entry) => _entries.Put(entry.Code, entry);
}

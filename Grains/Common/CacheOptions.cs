namespace DataSharing.Common;

/// <summary>
/// How stale each silo's caches of read-mostly data may be (configuration section "Caches", e.g. Caches__GrantMaxAge).
/// The bounds are also how long another silo may act on data changed elsewhere: a revoked grant is honoured by other
/// silos for at most <see cref="GrantMaxAge"/>.
/// </summary>
public sealed class CacheOptions
{
    public const string Section = "Caches";

    public TimeSpan GrantMaxAge { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan CatalogMaxAge { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long after a year is loaded a new deadline may still be computed with the previous arrangement (it records
    /// which calendar version it used); deadlines moved by the load are recomputed with the new one.
    /// </summary>
    public TimeSpan CalendarMaxAge { get; set; } = TimeSpan.FromSeconds(5);
}

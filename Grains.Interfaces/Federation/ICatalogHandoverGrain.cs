namespace DataSharing.Federation;

/// <summary>
/// The catalog as it stands, handed once to a peer (keyed by the peer's platform code): a platform configured as a
/// peer after entries were published learns of them all, not only of the acts that follow (Art 23).
/// </summary>
public interface ICatalogHandoverGrain : IGrainWithStringKey
{
    /// <summary>Starts handing the catalog over, unless it was handed over already; returns at once (the work runs a page at a time).</summary>
    Task Start();

    Task<CatalogHandoverStatus> Status();
}

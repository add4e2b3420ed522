namespace DataSharing.Catalog;

/// <summary>
/// The body of a catalog message between platforms: the entry as its owner (<see cref="Origin"/>) holds it after its
/// act number <see cref="Act"/>. <see cref="Shared"/> false: the owner no longer shares it with other platforms (its
/// scope or share type changed), so the copy is retired.
/// </summary>
[GenerateSerializer, Immutable, Alias("CatalogEntryCopy")]
public sealed record CatalogEntryCopy(
    [property: Id(0)] string Origin,
    [property: Id(1)] long Act,
    [property: Id(2)] bool Shared,
    [property: Id(3)] CatalogEntryView Entry);

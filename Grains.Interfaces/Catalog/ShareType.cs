namespace DataSharing.Catalog;

/// <summary>Share type of an entry, fixed when the catalog is compiled (Art 22).</summary>
public enum ShareType
{
    Unconditional,
    Conditional,
    NotShared,
}

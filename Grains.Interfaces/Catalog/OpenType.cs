namespace DataSharing.Catalog;

/// <summary>Open attribute of an entry (Art 36).</summary>
public enum OpenType
{
    UnconditionalOpen,
    ConditionalOpen,
    NonOpen,
}

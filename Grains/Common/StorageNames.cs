namespace DataSharing.Common;

public static class StorageNames
{
    /// <summary>The grain-storage provider that holds every case, entry and department.</summary>
    public const string Platform = "platform";
}

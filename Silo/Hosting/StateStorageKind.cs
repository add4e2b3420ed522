namespace DataSharing.Silo.Hosting;

/// <summary>The grain-state providers a cluster can use (see <see cref="PlatformHostingOptions.StateStorage"/>).</summary>
public enum StateStorageKind
{
    Batched,
    AdoNet,
}

namespace DataSharing.Silo.Persistence;

/// <summary>A grain state's row: its serialized payload (null once cleared) and its version, the grain's ETag.</summary>
public sealed record StoredState(byte[]? Payload, int Version);

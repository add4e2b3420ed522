namespace DataSharing.Federation;

/// <param name="NextSequence">The number the link's next message gets.</param>
public sealed record OutboxDepth(int Count, DateTimeOffset? OldestEnqueuedAt, long NextSequence);

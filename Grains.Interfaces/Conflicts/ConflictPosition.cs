using DataSharing.Common;

namespace DataSharing.Conflicts;

/// <summary>What one department holds the right data to be, as it last said.</summary>
[GenerateSerializer, Alias("ConflictPosition")]
public sealed record ConflictPosition(
    [property: Id(0)] string Department,
    [property: Id(1)] string Position,
    [property: Id(2)] Actor By,
    [property: Id(3)] DateTimeOffset At);

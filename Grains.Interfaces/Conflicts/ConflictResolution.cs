using DataSharing.Common;

namespace DataSharing.Conflicts;

/// <summary>
/// How a conflict ended: the agreed position (by agreement) or the authority's ruling, naming, where it says so, the
/// department whose data is the source from now on (Art 16: one data, one source).
/// </summary>
[GenerateSerializer, Alias("ConflictResolution")]
public sealed record ConflictResolution(
    [property: Id(0)] bool ByRuling,
    [property: Id(1)] string Position,
    [property: Id(2)] string? SourceDepartment,
    [property: Id(3)] Actor By,
    [property: Id(4)] DateTimeOffset At);

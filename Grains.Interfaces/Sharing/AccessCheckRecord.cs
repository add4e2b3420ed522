using DataSharing.Common;

namespace DataSharing.Sharing;

/// <summary>
/// A recorded access check (Art 21: use of shared data is checked and each check is kept). A read of the entry's data
/// through the platform is recorded as one too, with the number of records it served (<see cref="RowsRead"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("AccessCheckRecord")]
public sealed record AccessCheckRecord(
    [property: Id(0)] string Id,
    [property: Id(1)] AccessCheckRequest Request,
    [property: Id(2)] AccessDecision Decision,
    [property: Id(3)] DateTimeOffset CheckedAt,
    [property: Id(4)] Actor CheckedBy,
    [property: Id(5)] long? RowsRead = null);

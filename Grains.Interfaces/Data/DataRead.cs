using DataSharing.Common;
using DataSharing.Sharing;

namespace DataSharing.Data;

/// <summary>A page of an entry's records that a department reads for a scenario, with the data items it asks for.</summary>
[GenerateSerializer, Immutable, Alias("DataReadRequest")]
public sealed record DataReadRequest(
    [property: Id(0)] AccessCheckRequest Check,
    [property: Id(1)] PageRequest Page);

/// <summary>
/// What a read served: the recorded check that allowed it (with the number of records), the data items in the order of
/// each record's values, the records, and whether the entry is under an open review (Art 26: served, and marked).
/// </summary>
[GenerateSerializer, Immutable, Alias("DataReadResult")]
public sealed record DataReadResult(
    [property: Id(0)] AccessCheckRecord Check,
    [property: Id(1)] IReadOnlyList<string> Columns,
    [property: Id(2)] Page<DataRecord> Records,
    [property: Id(3)] bool UnderReview);

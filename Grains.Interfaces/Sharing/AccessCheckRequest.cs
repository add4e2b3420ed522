namespace DataSharing.Sharing;

/// <summary>"May this department use these data items of this entry for this scenario now?"</summary>
[GenerateSerializer, Immutable, Alias("AccessCheckRequest")]
public sealed record AccessCheckRequest(
    [property: Id(0)] string Department,
    [property: Id(1)] string EntryCode,
    [property: Id(2)] IReadOnlyList<string> DataItems,
    [property: Id(3)] string Scenario);

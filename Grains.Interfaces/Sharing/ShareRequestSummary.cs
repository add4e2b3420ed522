using DataSharing.Catalog;

namespace DataSharing.Sharing;

/// <summary>A row of the share-request read model: what inboxes, outboxes and the overdue list show.</summary>
[GenerateSerializer, Immutable, Alias("ShareRequestSummary")]
public sealed record ShareRequestSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] string RequesterDepartment,
    [property: Id(2)] string ProviderDepartment,
    [property: Id(3)] string EntryCode,
    [property: Id(4)] string EntryName,
    [property: Id(5)] ShareType ShareType,
    [property: Id(6)] ShareRequestStatus Status,
    [property: Id(7)] DateTimeOffset ReceivedAt,
    [property: Id(8)] DateTimeOffset? DueAt,
    [property: Id(9)] DateOnly? DueDate,
    [property: Id(10)] bool DueProvisional,
    [property: Id(11)] int Version,
    [property: Id(12)] ShareGrant? Grant = null);

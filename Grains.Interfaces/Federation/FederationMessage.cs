namespace DataSharing.Federation;

/// <summary>
/// What one platform tells another (Art 23: platforms interconnected level by level). <see cref="Id"/> names the act
/// that caused it (e.g. "SR-20261125-3F9A0C12#3"), so the same act never becomes two messages; the link gives it its
/// sequence number when it enters the outbox.
/// </summary>
[GenerateSerializer, Immutable, Alias("FederationMessage")]
public sealed record FederationMessage(
    [property: Id(0)] string Id,
    [property: Id(1)] string Kind,
    [property: Id(2)] string From,
    [property: Id(3)] string To,
    [property: Id(4)] string CaseId,
    [property: Id(5)] string Body,
    [property: Id(6)] DateTimeOffset CreatedAt);

namespace DataSharing.Incidents;

/// <summary>
/// The event a console or subscriber sees as a department is informed of an incident (one per notified department).
/// The durable record is the notice case; an event may be lost with a silo, a notice may not.
/// </summary>
[GenerateSerializer, Immutable, Alias("IncidentNotification")]
public sealed record IncidentNotification(
    [property: Id(0)] string NoticeId,
    [property: Id(1)] string IncidentId,
    [property: Id(2)] string Department,
    [property: Id(3)] string EntryCode,
    [property: Id(4)] IReadOnlyList<IncidentNoticeGround> Grounds,
    [property: Id(5)] DateTimeOffset NotifiedAt,
    [property: Id(6)] DateTimeOffset? AcknowledgeBy);

namespace DataSharing.Incidents;

/// <summary>A department informed of an incident, why, and the notice it must acknowledge.</summary>
[GenerateSerializer, Immutable, Alias("NotifiedDepartment")]
public sealed record NotifiedDepartment(
    [property: Id(0)] string Department,
    [property: Id(1)] IReadOnlyList<IncidentNoticeGround> Grounds,
    [property: Id(2)] string NoticeId);

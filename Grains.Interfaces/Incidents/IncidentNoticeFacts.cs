namespace DataSharing.Incidents;

/// <summary>What a department is told of an incident: the incident, the entry, and why it is told.</summary>
[GenerateSerializer, Immutable, Alias("IncidentNoticeFacts")]
public sealed record IncidentNoticeFacts(
    [property: Id(0)] string IncidentId,
    [property: Id(1)] string Department,
    [property: Id(2)] string ProviderDepartment,
    [property: Id(3)] ReportIncident Report,
    [property: Id(4)] IReadOnlyList<IncidentNoticeGround> Grounds);

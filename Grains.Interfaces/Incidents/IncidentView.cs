using DataSharing.Common;

namespace DataSharing.Incidents;

[GenerateSerializer, Alias("IncidentView")]
public sealed record IncidentView
{
    [Id(0)] public string Id { get; init; } = "";
    [Id(1)] public IncidentStatus Status { get; init; }
    [Id(2)] public ReportIncident Report { get; init; } = new("", "", default, "");
    /// <summary>The entry's responsible department (Art 38: the provider answers for the data's security).</summary>
    [Id(3)] public string ProviderDepartment { get; init; } = "";
    [Id(4)] public Actor ReportedBy { get; init; } = Actor.System;
    [Id(5)] public DateTimeOffset ReportedAt { get; init; }
    [Id(6)] public IReadOnlyList<NotifiedDepartment> Notified { get; init; } = [];
    [Id(7)] public string? Remedy { get; init; }
    [Id(8)] public IReadOnlyList<CaseTransition> History { get; init; } = [];

    /// <summary>Every grant of the entry is suspended now (asked for, and the incident not closed).</summary>
    public bool Suspended => Report.SuspendGrants && Status == IncidentStatus.Open;
}

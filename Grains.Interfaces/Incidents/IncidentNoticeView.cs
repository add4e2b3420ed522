using DataSharing.Common;

namespace DataSharing.Incidents;

[GenerateSerializer, Alias("IncidentNoticeView")]
public sealed record IncidentNoticeView
{
    [Id(0)] public string Id { get; init; } = "";
    [Id(1)] public IncidentNoticeStatus Status { get; init; }
    [Id(2)] public IncidentNoticeFacts Facts { get; init; } = new("", "", "", new("", "", default, ""), []);
    [Id(3)] public DateTimeOffset NotifiedAt { get; init; }
    /// <summary>The acknowledgement deadline, in working days from the notice (the rulebook's number when it was sent).</summary>
    [Id(4)] public Deadline? Deadline { get; init; }
    [Id(5)] public DateTimeOffset? AcknowledgedAt { get; init; }
    [Id(6)] public bool AcknowledgedLate { get; init; }
    [Id(7)] public IReadOnlyList<CaseTransition> History { get; init; } = [];
}

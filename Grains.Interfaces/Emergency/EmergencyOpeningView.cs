using DataSharing.Common;

namespace DataSharing.Emergency;

[GenerateSerializer, Alias("EmergencyOpeningView")]
public sealed record EmergencyOpeningView
{
    [Id(0)] public string Id { get; init; } = "";
    [Id(1)] public EmergencyOpeningStatus Status { get; init; }
    [Id(2)] public OpenEmergency Opening { get; init; } = new([], "", default, "");
    /// <summary>The responsible departments of the entries opened.</summary>
    [Id(3)] public IReadOnlyList<string> Providers { get; init; } = [];
    [Id(4)] public Actor OpenedBy { get; init; } = Actor.System;
    [Id(5)] public DateTimeOffset OpenedAt { get; init; }
    [Id(6)] public DateTimeOffset? EndedAt { get; init; }
    [Id(7)] public IReadOnlyList<CaseTransition> History { get; init; } = [];
}

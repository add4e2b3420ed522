using DataSharing.Common;

namespace DataSharing.Conflicts;

[GenerateSerializer, Alias("ConflictView")]
public sealed record ConflictView
{
    [Id(0)] public string Id { get; init; } = "";
    [Id(1)] public ConflictStatus Status { get; init; }
    [Id(2)] public OpenConflict Subject { get; init; } = new("", "", [], "");
    [Id(3)] public ConflictOrigin Origin { get; init; }
    [Id(4)] public Actor OpenedBy { get; init; } = Actor.System;
    [Id(5)] public DateTimeOffset OpenedAt { get; init; }
    /// <summary>The departments now party to it: those it was opened with, and any the detection added since.</summary>
    [Id(6)] public IReadOnlyList<ConflictParty> Parties { get; init; } = [];
    /// <summary>End of the negotiation window (the platform's setting when it was opened).</summary>
    [Id(7)] public Deadline? NegotiationDeadline { get; init; }
    [Id(8)] public IReadOnlyList<ConflictPosition> Positions { get; init; } = [];
    [Id(9)] public ConflictProposal? Proposal { get; init; }
    [Id(10)] public DateTimeOffset? EscalatedAt { get; init; }
    [Id(11)] public ConflictResolution? Resolution { get; init; }
    /// <summary>Art 16: several departments collect the same standard data element for the same subject category.</summary>
    [Id(12)] public bool DuplicateCollection { get; init; }
    [Id(13)] public string? DismissedReason { get; init; }
    [Id(14)] public IReadOnlyList<CaseTransition> History { get; init; } = [];
}

using DataSharing.Common;

namespace DataSharing.Conflicts;

/// <summary>A position proposed for agreement; it is agreed when every party department has accepted it.</summary>
[GenerateSerializer, Alias("ConflictProposal")]
public sealed record ConflictProposal(
    [property: Id(0)] string Position,
    [property: Id(1)] Actor ProposedBy,
    [property: Id(2)] DateTimeOffset ProposedAt,
    [property: Id(3)] IReadOnlyList<string> AcceptedBy);

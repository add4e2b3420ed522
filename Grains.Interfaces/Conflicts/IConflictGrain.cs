using DataSharing.Common;

namespace DataSharing.Conflicts;

/// <summary>One data conflict (数据不一致, Art 27), keyed by conflict id.</summary>
public interface IConflictGrain : IDeadlineBearer
{
    /// <summary>Opens the negotiation; opening again with the same content is a no-op.</summary>
    Task<ConflictView> Open(OpenConflict conflict, Actor by);

    /// <summary>The automatic comparison found another department with the same data: it joins the conflict.</summary>
    Task<ConflictView> AddParty(ConflictParty party, Actor by);

    /// <summary>A party department states what it holds the right data to be (while negotiating or escalated).</summary>
    Task<ConflictView> StatePosition(string position, Actor by);

    /// <summary>A party proposes one agreed position; it replaces any earlier proposal and the proposer accepts it.</summary>
    Task<ConflictView> Propose(string position, Actor by);

    /// <summary>A party accepts the proposal; when every party has, the conflict is resolved by agreement.</summary>
    Task<ConflictView> Accept(Actor by);

    /// <summary>The data authority records its ruling on an escalated conflict.</summary>
    Task<ConflictView> Rule(string ruling, string? sourceDepartment, Actor by);

    /// <summary>The platform admin or the data authority closes it as no conflict, with a reason.</summary>
    Task<ConflictView> Dismiss(string reason, Actor by);

    Task<ConflictView?> Get();
}

using DataSharing.Common;

namespace DataSharing.Conflicts;

public enum ConflictAction
{
    AddParty,
    StatePosition,
    Propose,
    Accept,
    Agree,
    Lapse,
    Rule,
    Dismiss,
}

/// <summary>Art 27 as plain code: negotiate within the window; without agreement, the data authority decides.</summary>
public static class ConflictStateMachine
{
    public static ConflictStatus? Next(ConflictStatus current, ConflictAction action) => (current, action) switch
    {
        (ConflictStatus.Negotiating or ConflictStatus.Escalated, ConflictAction.AddParty or ConflictAction.StatePosition or ConflictAction.Dismiss) =>
            action == ConflictAction.Dismiss ? ConflictStatus.Dismissed : current,
        (ConflictStatus.Negotiating, ConflictAction.Propose or ConflictAction.Accept) => ConflictStatus.Negotiating,
        (ConflictStatus.Negotiating, ConflictAction.Agree) => ConflictStatus.Resolved,
        (ConflictStatus.Negotiating, ConflictAction.Lapse) => ConflictStatus.Escalated,
        (ConflictStatus.Escalated, ConflictAction.Rule) => ConflictStatus.Resolved,
        _ => null,
    };

    public static ConflictStatus Apply(string id, ConflictStatus current, ConflictAction action) =>
        Next(current, action) ?? throw new IllegalTransitionException(id, current.ToString(), ToVerb(action));

    public static bool IsOpen(ConflictStatus status) => status is ConflictStatus.Negotiating or ConflictStatus.Escalated;

    public static string ToVerb(ConflictAction action) => action switch
    {
        ConflictAction.AddParty => "add-party",
        ConflictAction.StatePosition => "state-position",
        _ => action.ToString().ToLowerInvariant(),
    };
}

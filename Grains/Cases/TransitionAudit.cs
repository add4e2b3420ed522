using DataSharing.Audit;
using DataSharing.Common;

namespace DataSharing.Cases;

public static class TransitionAudit
{
    /// <summary>The audit entry of a case's transition: the act, the state before, the state after (with its note).</summary>
    public static AuditEntry Of(string caseKind, string caseId, int version, CaseTransition act, IReadOnlyList<string> departments) =>
        new($"{caseId}#{version}", act.At, act.By, departments, caseKind, caseId, act.Action, act.From,
            act.Note is null ? act.To : $"{act.To}: {act.Note}");
}

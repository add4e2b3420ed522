using DataSharing.Audit;
using DataSharing.Departments;

namespace DataSharing.Cases;

/// <summary>What every case with a deadline keeps beside its own record: a version and its outboxes.</summary>
public interface ICaseState
{
    int Version { get; set; }

    /// <summary>Violations decided but not yet recorded in the violation log (kept until they are).</summary>
    List<ViolationRecord> PendingViolations { get; }

    /// <summary>Audit entries written with the state and not yet known to be in the log.</summary>
    List<AuditEntry> PendingAudit { get; }
}

using DataSharing.Common;

namespace DataSharing.Departments;

/// <summary>
/// Where violation records live: in memory in embedded mode (<see cref="InMemoryViolationStore"/>), table violations in
/// cluster mode. A case keeps a violation it found in its state until the store has it (CaseCommit's outbox), and
/// recording is idempotent by id, so a violation is recorded once however often that is retried.
/// </summary>
public interface IViolationStore
{
    Task Record(ViolationRecord violation);

    /// <summary>The violations of <paramref name="department"/> (every department's when null), newest first (then by id, descending).</summary>
    Task<Page<ViolationRecord>> List(string? department, PageRequest page);

    /// <summary>Every department's violations of <paramref name="article"/> found in cases of <paramref name="caseKind"/>, by the day recorded, in [from, until).</summary>
    Task<IReadOnlyList<DailyCount>> CountByDay(string caseKind, string article, DateOnly from, DateOnly until);
}

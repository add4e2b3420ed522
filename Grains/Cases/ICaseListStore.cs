using DataSharing.Common;

namespace DataSharing.Cases;

/// <summary>
/// Where the case-list rows live: in memory in embedded mode (<see cref="InMemoryCaseListStore"/>), tables case_rows
/// and case_departments in cluster mode. A case upserts its row after every write of its state and again on every
/// activation, carrying its version, so an older row never replaces a newer one and a crash between the state write
/// and the row heals when the case is next activated. Each list is read a page at a time through an index in its own
/// order (kind, department, then status or openness when asked for, due, id).
/// </summary>
public interface ICaseListStore
{
    Task Upsert(CaseSummary row);

    /// <summary>The cases <paramref name="query"/> names, soonest due first (undated last), then by id (ordinal).</summary>
    Task<Page<CaseSummary>> List(CaseListQuery query, PageRequest page);

    /// <summary>One case's row, or null if none was published.</summary>
    Task<CaseSummary?> Find(string kind, string id);

    /// <summary>The open cases of <paramref name="kinds"/> counted by kind, status and first department, against <paramref name="bounds"/>.</summary>
    Task<IReadOnlyList<OpenCaseCount>> CountOpen(IReadOnlyList<string> kinds, DueBounds bounds);
}

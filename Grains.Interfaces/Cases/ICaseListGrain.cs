using DataSharing.Common;

namespace DataSharing.Cases;

/// <summary>
/// The case lists of reviews, catalog changes, notices, conflicts and personalized-catalog requests, a page at a time.
/// A stateless worker: the rows live in the hosting mode's case-list store, not in a grain.
/// </summary>
public interface ICaseListGrain : IGrainWithIntegerKey
{
    /// <summary>Publishes a case's row; an older version never replaces a newer one.</summary>
    Task Upsert(CaseSummary row);

    /// <summary>The cases the query names, soonest due first (undated last), then by id.</summary>
    Task<Page<CaseSummary>> List(CaseListQuery query, PageRequest page);

    /// <summary>One case's row (its kind and id), or null if none was published; the caller decides who may see it.</summary>
    Task<CaseSummary?> Find(string kind, string id);

    /// <summary>The open cases of <paramref name="kinds"/> counted by kind, status and first department: overdue, due today and due this week by <paramref name="bounds"/>.</summary>
    Task<IReadOnlyList<OpenCaseCount>> CountOpen(IReadOnlyList<string> kinds, DueBounds bounds);
}

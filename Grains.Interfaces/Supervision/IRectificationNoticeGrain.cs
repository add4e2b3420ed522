using DataSharing.Common;

namespace DataSharing.Supervision;

/// <summary>One Art 43 rectification notice, keyed by notice id.</summary>
public interface IRectificationNoticeGrain : IGrainWithStringKey
{
    Task<RectificationNoticeView> Issue(IssueNotice notice, Actor by);

    /// <summary>The department reports what it corrected.</summary>
    Task<RectificationNoticeView> ReportRectification(string report, Actor by);

    /// <summary>The data authority accepts the report (rectified) or rejects it (the notice stands).</summary>
    Task<RectificationNoticeView> Decide(bool accept, string? reason, Actor by);

    /// <summary>Records the people's government's order to correct by a new deadline, after an escalation.</summary>
    Task<RectificationNoticeView> RecordGovernmentOrder(DateOnly rectifyBy, string order, Actor by);

    Task<RectificationNoticeView?> Get();
}

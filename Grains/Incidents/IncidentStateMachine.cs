using DataSharing.Common;

namespace DataSharing.Incidents;

/// <summary>The two states of an incident and of a notice, as plain code.</summary>
public static class IncidentStateMachine
{
    public static IncidentStatus Close(string id, IncidentStatus current) =>
        current == IncidentStatus.Open ? IncidentStatus.Closed : throw new IllegalTransitionException(id, current.ToString(), "close");

    /// <summary>A late acknowledgement is still one (the violation stands).</summary>
    public static IncidentNoticeStatus Acknowledge(string id, IncidentNoticeStatus current) =>
        current is IncidentNoticeStatus.Pending or IncidentNoticeStatus.Overdue
            ? IncidentNoticeStatus.Acknowledged
            : throw new IllegalTransitionException(id, current.ToString(), "acknowledge");

    public static IncidentNoticeStatus Lapse(string id, IncidentNoticeStatus current) =>
        current == IncidentNoticeStatus.Pending ? IncidentNoticeStatus.Overdue : throw new IllegalTransitionException(id, current.ToString(), "lapse");
}

using DataSharing.Common;

namespace DataSharing.Incidents;

/// <summary>
/// One department's notice of one incident (Art 41: inform the departments that may be affected), keyed
/// "{incident id}.{department}". The department acknowledges it within the rulebook's working days, or it turns overdue
/// with an Art 43(8) violation (not fulfilling data security duties).
/// </summary>
public interface IIncidentNoticeGrain : IDeadlineBearer
{
    static string KeyOf(string incidentId, string department) => $"{incidentId}.{department}";

    /// <summary>Sends the notice and publishes it on the incident stream; sending again returns it (and publishes nothing).</summary>
    Task<IncidentNoticeView> Notify(IncidentNoticeFacts facts);

    Task<IncidentNoticeView> Acknowledge(Actor by);

    Task<IncidentNoticeView?> Get();
}

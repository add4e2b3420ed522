namespace DataSharing.Incidents;

public enum IncidentNoticeStatus
{
    /// <summary>Informed; the department must acknowledge by the deadline.</summary>
    Pending,
    /// <summary>Not acknowledged by the deadline: an Art 43(8) violation of the department; still to be acknowledged.</summary>
    Overdue,
    Acknowledged,
}

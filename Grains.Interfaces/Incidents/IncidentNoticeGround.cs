namespace DataSharing.Incidents;

/// <summary>Why a department is informed of an incident (Art 41: the departments that may be affected).</summary>
public enum IncidentNoticeGround
{
    /// <summary>It holds a granted share request of the entry.</summary>
    HoldsGrant,
    /// <summary>It used the entry's data (an allowed access check) during the period in which data may have leaked.</summary>
    UsedInPeriod,
}

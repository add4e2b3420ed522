namespace DataSharing.Incidents;

public enum IncidentStatus
{
    /// <summary>Being handled: remedied and contained (Art 41); its suspension, if asked for, holds.</summary>
    Open,
    /// <summary>Handled: the suspension is lifted; the notices stay until acknowledged.</summary>
    Closed,
}

namespace DataSharing.Emergency;

public enum EmergencyOpeningStatus
{
    Open,
    /// <summary>Ended before its expiry by the data authority or the department head who opened it.</summary>
    Ended,
    /// <summary>Ended by itself at its expiry (a durable reminder).</summary>
    Expired,
}

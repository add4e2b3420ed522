namespace DataSharing.Assessment;

/// <summary>Where a case stands against its deadline, as the assessment (Art 42) counts it.</summary>
public enum Timeliness
{
    /// <summary>Its deadline is still running.</summary>
    Pending,
    OnTime,
    /// <summary>Answered or completed, but after the deadline.</summary>
    Late,
    /// <summary>The deadline passed and it is still not answered or completed.</summary>
    Overdue,
    /// <summary>Ended without the department having to act (e.g. withdrawn by the requester): not counted.</summary>
    Excluded,
}

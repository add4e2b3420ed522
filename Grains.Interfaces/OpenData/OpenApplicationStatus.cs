namespace DataSharing.OpenData;

/// <summary>Where an application for conditionally open data stands (Art 36).</summary>
public enum OpenApplicationStatus
{
    /// <summary>Filed; the provider's answer is due (the rulebook's working days).</summary>
    AwaitingProvider,

    /// <summary>Approved with conditions, perhaps for fewer items: the applicant downloads those within the period.</summary>
    Approved,

    /// <summary>Refused with a reason and its legal basis.</summary>
    Refused,

    /// <summary>Not answered in time (an Art 43(7) violation of the provider); the provider may still answer, late.</summary>
    Overdue,
}

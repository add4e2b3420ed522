namespace DataSharing.CatalogChanges;

/// <summary>The two obligations of Art 15, one after the other.</summary>
public enum CatalogChangeStatus
{
    /// <summary>The catalog must be updated within 10 working days of the change.</summary>
    AwaitingUpdate,
    UpdateOverdue,
    /// <summary>Updated; the updated catalog and the basis of the change go to the data authority within 3 working days.</summary>
    AwaitingReport,
    ReportOverdue,
    Reported,
}

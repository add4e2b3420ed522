namespace DataSharing.Cases;

/// <summary>The kinds of record the audit log and the case lists name.</summary>
public static class CaseKinds
{
    public const string ShareRequest = nameof(ShareRequest);
    public const string Review = nameof(Review);
    public const string CatalogEntry = nameof(CatalogEntry);
    public const string CatalogChange = nameof(CatalogChange);
    public const string RectificationNotice = nameof(RectificationNotice);
    public const string Conflict = nameof(Conflict);
    public const string PersonalizedCatalogRequest = nameof(PersonalizedCatalogRequest);
    public const string Incident = nameof(Incident);
    public const string IncidentNotice = nameof(IncidentNotice);
    public const string EmergencyOpening = nameof(EmergencyOpening);
    public const string OpenDataApplication = nameof(OpenDataApplication);
}

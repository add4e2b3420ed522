namespace DataSharing.Common;

/// <summary>
/// The numbers of the Measures as one platform applies them (domain.md, "Rulebook"). Bound from configuration
/// section "Rulebook"; a case records the number it was opened with, so a change never moves a running case.
/// </summary>
public sealed class Rulebook
{
    public const string Section = "Rulebook";

    /// <summary>Art 25: a conditional share request is answered within 7 working days of receipt.</summary>
    public int ConditionalAnswerWorkingDays { get; set; } = 7;

    /// <summary>Art 26: a review is verified and answered within 7 working days of receipt.</summary>
    public int ReviewAnswerWorkingDays { get; set; } = 7;

    /// <summary>Art 26: an extension may not exceed 7 working days.</summary>
    public int ReviewExtensionMaxWorkingDays { get; set; } = 7;

    /// <summary>Art 15: the catalog is updated within 10 working days of the change.</summary>
    public int CatalogUpdateWorkingDays { get; set; } = 10;

    /// <summary>Art 15: the update is reported to the data authority within 3 working days.</summary>
    public int CatalogReportWorkingDays { get; set; } = 3;

    /// <summary>
    /// Art 27: departments negotiate an inconsistency "promptly"; the Measures give no number, so the window is
    /// this platform's setting. Past it, the data authority coordinates and rules.
    /// </summary>
    public int ConflictNegotiationWorkingDays { get; set; } = 10;

    /// <summary>
    /// Art 41: the departments an incident may affect are informed "at once"; each acknowledges its notice within this
    /// many working days, or the notice turns overdue with an Art 43(8) violation. The number is this platform's setting.
    /// </summary>
    public int IncidentAcknowledgeWorkingDays { get; set; } = 1;

    /// <summary>
    /// Art 36: conditionally open data is obtained on application, but the Measures give no period for the answer;
    /// this platform's setting, 7 working days like a conditional share request (Art 25). Past it the application is
    /// overdue and the provider has a violation of Art 43(7) (not opening data as required).
    /// </summary>
    public int OpenApplicationAnswerWorkingDays { get; set; } = 7;
}

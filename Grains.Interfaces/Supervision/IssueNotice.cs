namespace DataSharing.Supervision;

/// <summary>A notice to rectify by a deadline the data authority sets (Art 43).</summary>
[GenerateSerializer, Alias("IssueNotice")]
public sealed record IssueNotice(
    [property: Id(0)] string Department,
    [property: Id(1)] ViolationCategory Category,
    [property: Id(2)] string Findings,
    [property: Id(3)] DateOnly RectifyBy,
    [property: Id(4)] string? RelatedCaseId = null);

namespace DataSharing.Assessment;

/// <summary>
/// What the data authority assesses a department on for one year (Art 42), counting the cases received that year:
/// conditional share requests it answered on time or late (and the median time it took, in working days), reviews of
/// its data, its catalog changes (both steps on time), the rectification notices still open against it, and the
/// applications for its conditionally open data (Art 36) it answered on time or late.
/// </summary>
[GenerateSerializer, Alias("DepartmentAssessment")]
public sealed record DepartmentAssessment(
    [property: Id(0)] string Department,
    [property: Id(1)] int Year,
    [property: Id(2)] TimelinessCounts ShareRequests,
    [property: Id(3)] double? MedianAnswerWorkingDays,
    [property: Id(4)] TimelinessCounts Reviews,
    [property: Id(5)] TimelinessCounts CatalogChanges,
    [property: Id(6)] int NoticesOpen,
    [property: Id(7)] int NoticesRectified,
    [property: Id(8)] TimelinessCounts OpenApplications);

namespace DataSharing.Assessment;

[GenerateSerializer, Alias("TimelinessCounts")]
public sealed record TimelinessCounts(
    [property: Id(0)] int OnTime,
    [property: Id(1)] int Late,
    [property: Id(2)] int Overdue,
    [property: Id(3)] int Pending);

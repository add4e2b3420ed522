namespace DataSharing.Assessment;

[GenerateSerializer, Alias("TimelinessCounts")]
public sealed record TimelinessCounts(
    [property: Id(0)] int OnTime,
    [property: Id(1)] int Late,
    [property: Id(2)] int Overdue,
    [property: Id(3)] int Pending)
{
    public static TimelinessCounts Of(IEnumerable<AssessedCase> cases)
    {
        var byTimeliness = cases.GroupBy(c => c.Timeliness).ToDictionary(g => g.Key, g => g.Count());
        return new(byTimeliness.GetValueOrDefault(Timeliness.OnTime), byTimeliness.GetValueOrDefault(Timeliness.Late),
            byTimeliness.GetValueOrDefault(Timeliness.Overdue), byTimeliness.GetValueOrDefault(Timeliness.Pending));
    }
}

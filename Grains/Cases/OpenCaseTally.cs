namespace DataSharing.Cases;

/// <summary>
/// Counts open cases by kind, status and department against <see cref="DueBounds"/>, as the cluster's stores count
/// them in one grouped query: the embedded stores' way to the same <see cref="OpenCaseCount"/>s.
/// </summary>
public sealed class OpenCaseTally(DueBounds bounds)
{
    private readonly Dictionary<(string Kind, string Status, string Department), int[]> _counts = new();

    public void Add(string kind, string status, string department, DateTimeOffset? dueAt)
    {
        if (!_counts.TryGetValue((kind, status, department), out var counts))
        {
            _counts[(kind, status, department)] = counts = new int[4];
        }

        counts[0]++;
        if (dueAt is not { } due)
        {
            return;
        }

        if (due <= bounds.Now)
        {
            counts[1]++;
            return;
        }

        counts[2] += due <= bounds.TodayEnds ? 1 : 0;
        counts[3] += due <= bounds.WeekEnds ? 1 : 0;
    }

    public IReadOnlyList<OpenCaseCount> Counts() =>
        _counts.Select(c => new OpenCaseCount(c.Key.Kind, c.Key.Status, c.Key.Department, c.Value[0], c.Value[1], c.Value[2], c.Value[3])).ToList();
}

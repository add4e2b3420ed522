namespace DataSharing.Common;

/// <summary>
/// The account of a calendar load's effect on pending deadlines, bounded: counts of every case, and at most
/// <see cref="MaxExamples"/> of the moves themselves, the largest first.
/// </summary>
[GenerateSerializer, Alias("DeadlinesMoved")]
public sealed record DeadlinesMoved(
    // Cases holding a provisional deadline in the loaded year, each called back.
    [property: Id(0)] int Recomputed,
    [property: Id(1)] int Moved,
    [property: Id(2)] int Unchanged,
    // Cases that could not be reached; they are called again at the year's next load.
    [property: Id(3)] int Unreachable,
    [property: Id(4)] IReadOnlyList<DeadlineMove> Examples)
{
    public const int MaxExamples = 10;

    public static readonly DeadlinesMoved None = new(0, 0, 0, 0, []);
}

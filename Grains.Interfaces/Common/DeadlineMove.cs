namespace DataSharing.Common;

/// <summary>A case's provisional deadline recomputed when the missing year's arrangement was loaded.</summary>
[GenerateSerializer, Alias("DeadlineMove")]
public sealed record DeadlineMove(
    [property: Id(0)] string CaseKind,
    [property: Id(1)] string CaseId,
    [property: Id(2)] DateOnly From,
    [property: Id(3)] DateOnly To,
    // Still provisional: it reaches into another year not loaded yet.
    [property: Id(4)] bool Provisional)
{
    /// <summary>Calendar days the due date moved (negative: earlier).</summary>
    public int Days => To.DayNumber - From.DayNumber;
}

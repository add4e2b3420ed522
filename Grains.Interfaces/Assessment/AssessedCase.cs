namespace DataSharing.Assessment;

/// <summary>
/// One case as the assessment of its responsible department counts it (Art 42), in the year it was received.
/// Cases report it after every write and on activation; the newest version wins. <see cref="AnswerWorkingDays"/> is
/// how many working days after receipt a share request was answered, computed from the calendar when it is recorded.
/// </summary>
[GenerateSerializer, Alias("AssessedCase")]
public sealed record AssessedCase(
    [property: Id(0)] string CaseId,
    [property: Id(1)] string Kind,
    [property: Id(2)] string Department,
    [property: Id(3)] DateOnly ReceivedOn,
    [property: Id(4)] Timeliness Timeliness,
    [property: Id(5)] DateOnly? AnsweredOn,
    [property: Id(6)] int Version,
    [property: Id(7)] int? AnswerWorkingDays = null);

namespace DataSharing.Assessment;

/// <summary>The answers of one kind of case given on <see cref="Day"/> (Shanghai date), and how many of them were on time.</summary>
[GenerateSerializer, Immutable, Alias("DailyAnswers")]
public sealed record DailyAnswers(
    [property: Id(0)] DateOnly Day,
    [property: Id(1)] int Answered,
    [property: Id(2)] int OnTime);

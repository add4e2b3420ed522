using DataSharing.Common;

namespace DataSharing.OpenData;

/// <summary>One application for conditionally open data, as the applicant, the provider and oversight see it.</summary>
[GenerateSerializer, Alias("OpenApplicationView")]
public sealed record OpenApplicationView
{
    [Id(0)] public string Id { get; init; } = "";
    [Id(1)] public OpenApplicationStatus Status { get; init; }
    [Id(2)] public OpenApplication Application { get; init; } = new("", "", [], default, default);
    [Id(3)] public Actor Applicant { get; init; } = Actor.System;
    [Id(4)] public string ProviderDepartment { get; init; } = "";
    [Id(5)] public DateTimeOffset FiledAt { get; init; }
    /// <summary>The provider's answer is due by then (Art 36 gives no period: the rulebook's, recorded in <see cref="AnswerWorkingDays"/>).</summary>
    [Id(6)] public Deadline? Deadline { get; init; }
    [Id(7)] public int AnswerWorkingDays { get; init; }
    [Id(8)] public OpenApplicationAnswer? Answer { get; init; }
    [Id(9)] public IReadOnlyList<CaseTransition> History { get; init; } = [];
}

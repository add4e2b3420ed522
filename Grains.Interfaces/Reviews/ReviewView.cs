using DataSharing.Common;

namespace DataSharing.Reviews;

[GenerateSerializer, Alias("ReviewView")]
public sealed record ReviewView
{
    [Id(0)] public string Id { get; init; } = "";
    [Id(1)] public ReviewStatus Status { get; init; }
    [Id(2)] public FileReview Application { get; init; } = new("", [], "", ReviewRoute.Provider);
    [Id(3)] public Actor Applicant { get; init; } = Actor.System;
    [Id(4)] public string ProviderDepartment { get; init; } = "";
    [Id(5)] public DateTimeOffset FiledAt { get; init; }
    /// <summary>When the provider received it: at filing (provider route) or when the platform routed it.</summary>
    [Id(6)] public DateTimeOffset? ReceivedAt { get; init; }
    [Id(7)] public Deadline? Deadline { get; init; }
    [Id(8)] public ReviewExtension? Extension { get; init; }
    [Id(9)] public ReviewOutcome? Outcome { get; init; }
    [Id(10)] public IReadOnlyList<CaseTransition> History { get; init; } = [];
    /// <summary>The answer period counted from receipt, as the rulebook said then (the deadline may since be extended).</summary>
    [Id(11)] public int AnswerWorkingDays { get; init; }
    /// <summary>The applicant's platform when it is another cluster (on the entry owner's side, which owns the case).</summary>
    [Id(12)] public string? RequesterPlatform { get; init; }
    /// <summary>
    /// The entry owner's platform when it is another cluster: this review is then the applicant's copy of the case,
    /// kept up to date by that platform; its deadline runs there.
    /// </summary>
    [Id(13)] public string? ProviderPlatform { get; init; }
    /// <summary>When the owner's platform last reported the case (a copy only): how old what it shows may be.</summary>
    [Id(14)] public DateTimeOffset? ReportedAt { get; init; }
    /// <summary>Why the owner's platform did not take a review filed on another platform (status Refused), with the field and article.</summary>
    [Id(15)] public string? Refusal { get; init; }
}

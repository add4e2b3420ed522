using DataSharing.Catalog;
using DataSharing.Common;

namespace DataSharing.Sharing;

[GenerateSerializer, Immutable, Alias("ShareRequestView")]
public sealed record ShareRequestView
{
    [Id(0)] public string Id { get; init; } = "";
    [Id(1)] public ShareRequestStatus Status { get; init; }
    [Id(2)] public ShareRequestSubmission Submission { get; init; } = new();
    [Id(3)] public string ProviderDepartment { get; init; } = "";
    [Id(4)] public string EntryName { get; init; } = "";
    [Id(5)] public int EntryVersion { get; init; }
    [Id(6)] public ShareType ShareType { get; init; }
    [Id(7)] public DateTimeOffset ReceivedAt { get; init; }
    /// <summary>The answer deadline while the provider must answer; kept afterwards to show whether it was met.</summary>
    [Id(8)] public Deadline? AnswerDeadline { get; init; }
    [Id(9)] public ShareAnswer? Answer { get; init; }
    [Id(10)] public ShareGrant? Grant { get; init; }
    [Id(11)] public IReadOnlyList<CaseTransition> History { get; init; } = [];
    /// <summary>The requester's platform when it is another cluster (on the provider's side, which owns the case).</summary>
    [Id(12)] public string? RequesterPlatform { get; init; }
    /// <summary>
    /// The provider's platform when it is another cluster: this request is then the requester's copy of the case,
    /// kept up to date by the provider's platform; its deadline runs there.
    /// </summary>
    [Id(13)] public string? ProviderPlatform { get; init; }
    /// <summary>When the provider's platform last reported the case (a copy only): how old what it shows may be.</summary>
    [Id(14)] public DateTimeOffset? ReportedAt { get; init; }
}

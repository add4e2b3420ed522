namespace DataSharing.Sharing;

/// <summary>What a department asks for (Art 21, 24): data items of one entry, for a scenario, for a period.</summary>
[GenerateSerializer, Immutable, Alias("ShareRequestSubmission")]
public sealed record ShareRequestSubmission
{
    [Id(0)] public string RequesterDepartment { get; init; } = "";
    [Id(1)] public string EntryCode { get; init; } = "";
    [Id(2)] public IReadOnlyList<string> DataItems { get; init; } = [];
    /// <summary>The application scenario (应用场景), required by Art 21.</summary>
    [Id(3)] public string Scenario { get; init; } = "";
    /// <summary>The duty of the requester the data serves (Art 21: requests follow duties).</summary>
    [Id(4)] public string? DutyBasis { get; init; }
    [Id(5)] public DateOnly PeriodFrom { get; init; }
    [Id(6)] public DateOnly PeriodTo { get; init; }
    [Id(7)] public IReadOnlyList<SubmittedMaterial> Materials { get; init; } = [];
}

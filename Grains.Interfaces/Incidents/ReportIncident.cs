namespace DataSharing.Incidents;

/// <summary>
/// A security incident on one catalog entry (Art 41): what happened and when, which records, the period during which
/// data may have leaked (if known) and whether every grant of the entry is suspended while it is handled.
/// </summary>
[GenerateSerializer, Immutable, Alias("ReportIncident")]
public sealed record ReportIncident(
    [property: Id(0)] string EntryCode,
    [property: Id(1)] string Description,
    [property: Id(2)] DateTimeOffset OccurredAt,
    [property: Id(3)] string AffectedRecords,
    [property: Id(4)] DateTimeOffset? LeakFrom = null,
    [property: Id(5)] DateTimeOffset? LeakTo = null,
    [property: Id(6)] bool SuspendGrants = false);

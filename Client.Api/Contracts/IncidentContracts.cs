namespace DataSharing.Api.Contracts;

public sealed record IncidentBody(
    string? EntryCode, string? Description, DateTimeOffset? OccurredAt, string? AffectedRecords,
    DateTimeOffset? LeakFrom, DateTimeOffset? LeakTo, bool? SuspendGrants);

public sealed record CloseIncidentBody(string? Remedy);

namespace DataSharing.Api.Contracts;

public sealed record ConflictBody(string? Classification, string? DataItem, string? StandardElementCode, IReadOnlyList<ConflictPartyBody>? Parties, string? Description);

public sealed record ConflictPartyBody(string? Department, string? EntryCode);

public sealed record PositionBody(string? Position);

public sealed record RulingBody(string? Ruling, string? SourceDepartment);

namespace DataSharing.Api.Contracts;

public sealed record PersonalizedCatalogBody(string? EntryCode, string? Justification);

public sealed record DecisionNoteBody(string? Note);

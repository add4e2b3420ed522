namespace DataSharing.Api.Contracts;

public sealed record CatalogChangeBody(DateOnly? ChangedOn, string? Basis, IReadOnlyList<string>? AffectedEntries);

public sealed record NoteBody(string? Note);

public sealed record ReportBody(string? Report);

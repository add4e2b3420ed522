using DataSharing.Reviews;

namespace DataSharing.Api.Contracts;

public sealed record ReviewBody(string? EntryCode, IReadOnlyList<string>? DataItems, string? Description, ReviewRoute? Route, string? Evidence);

public sealed record ExtendBody(int? WorkingDays, string? Reason);

public sealed record AnswerBody(string? Explanation, int? CorrectedEntryVersion);

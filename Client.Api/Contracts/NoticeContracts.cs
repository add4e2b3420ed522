using DataSharing.Supervision;

namespace DataSharing.Api.Contracts;

public sealed record NoticeBody(string? Department, ViolationCategory? Category, string? Findings, DateOnly? RectifyBy, string? RelatedCaseId);

public sealed record DecisionBody(bool? Accept, string? Reason);

public sealed record GovernmentOrderBody(DateOnly? RectifyBy, string? Order);

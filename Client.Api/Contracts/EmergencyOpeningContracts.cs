namespace DataSharing.Api.Contracts;

public sealed record EmergencyOpeningBody(IReadOnlyList<string>? EntryCodes, string? Reason, DateTimeOffset? ExpiresAt, string? UpdateFrequency);

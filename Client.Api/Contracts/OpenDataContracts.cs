using DataSharing.Catalog;
using DataSharing.OpenData;

namespace DataSharing.Api.Contracts;

/// <summary>Opening a NonOpen entry (Art 36): the open type it gets, and desensitization rules or the rights holders' consent.</summary>
public sealed record OpeningBody(
    OpenType? OpenType, IReadOnlyList<DesensitizationRule>? Desensitization, RightsHolderConsent? Consent, int? ExpectedVersion);

/// <summary>A member of the public applies for conditionally open data (Art 36).</summary>
public sealed record OpenApplicationBody(string? EntryCode, string? Purpose, IReadOnlyList<string>? DataItems, DateOnly? PeriodFrom, DateOnly? PeriodTo);

/// <summary>The provider approves with conditions, for the items applied for or fewer.</summary>
public sealed record OpenApplicationApprovalBody(string? Conditions, IReadOnlyList<string>? DataItems);

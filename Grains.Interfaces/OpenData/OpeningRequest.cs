namespace DataSharing.OpenData;

/// <summary>
/// Opens a NonOpen entry (Art 36): <see cref="To"/> is UnconditionalOpen or ConditionalOpen, with a desensitization
/// rule set (made the entry's) or the rights holders' consent, at least one of them.
/// </summary>
[GenerateSerializer, Immutable, Alias("OpeningRequest")]
public sealed record OpeningRequest(
    [property: Id(0)] Catalog.OpenType? To,
    [property: Id(1)] IReadOnlyList<DesensitizationRule>? Desensitization,
    [property: Id(2)] RightsHolderConsent? Consent,
    [property: Id(3)] int? ExpectedVersion = null);

using DataSharing.Common;

namespace DataSharing.OpenData;

/// <summary>
/// Why a NonOpen entry was opened (Art 36): its data desensitized by a recorded rule set, or the rights holders'
/// consent. Kept on the entry, as the act is in the audit log and the version in the history.
/// </summary>
/// <param name="From">The open type before the act (NonOpen).</param>
/// <param name="To">The open type the entry was given.</param>
/// <param name="Consent">The rights holders' consent, when that is the basis; null when the basis is desensitization.</param>
[GenerateSerializer, Immutable, Alias("OpeningRecord")]
public sealed record OpeningRecord(
    [property: Id(0)] Catalog.OpenType From,
    [property: Id(1)] Catalog.OpenType To,
    [property: Id(2)] RightsHolderConsent? Consent,
    [property: Id(3)] Actor By,
    [property: Id(4)] DateTimeOffset At,
    [property: Id(5)] int Version);

/// <summary>The rights holders' consent to opening (Art 36): where it is kept (a document number) and what it covers.</summary>
[GenerateSerializer, Immutable, Alias("RightsHolderConsent")]
public sealed record RightsHolderConsent(
    [property: Id(0)] string Reference,
    [property: Id(1)] string Description);

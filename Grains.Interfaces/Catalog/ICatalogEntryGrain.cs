using DataSharing.Common;

namespace DataSharing.Catalog;

/// <summary>One catalog entry (a dataset), keyed by its resource code.</summary>
public interface ICatalogEntryGrain : IGrainWithStringKey
{
    /// <summary>Creates the entry as a Draft; drafting again with the same content is a no-op.</summary>
    Task<CatalogEntryView> Draft(CatalogEntryContent content, Actor by);

    /// <summary>Replaces the content, making a new version; <paramref name="expectedVersion"/> guards lost updates.</summary>
    Task<CatalogEntryView> Edit(CatalogEntryContent content, int? expectedVersion, string? note, Actor by);

    Task<CatalogEntryView> Publish(Actor by);

    /// <summary>
    /// Opens a NonOpen entry (Art 36) with a desensitization rule set or the rights holders' consent: a new version
    /// whose history note and audit entry say why, and <see cref="CatalogEntryView.Opening"/> on the entry. Without
    /// either, or on an entry that is not NonOpen, 409.
    /// </summary>
    Task<CatalogEntryView> Open(OpenData.OpeningRequest request, Actor by);

    Task<CatalogEntryView> Retire(string reason, Actor by);

    /// <summary>
    /// Art 23: holds <paramref name="copy"/> of another platform's entry, delivered by the peer
    /// <paramref name="fromPlatform"/>, unless a newer copy is held; a copy is read-only here (edits are 409) and
    /// handed on to this platform's other peers (the province relays a city's entries to the other cities).
    /// </summary>
    Task ApplyCopy(CatalogEntryCopy copy, string fromPlatform);

    /// <summary>
    /// The entry as this platform would report it to <paramref name="peer"/> now (its catalog handed to a new peer,
    /// Art 23): its own entry while shared, or a copy it hands on (not back to its owner or to where it came from);
    /// null when it reports nothing of this entry to that peer.
    /// </summary>
    Task<CatalogEntryCopy?> CopyFor(string peer);

    /// <summary>The entry, or null when no entry has this code.</summary>
    Task<CatalogEntryView?> Get();

    /// <summary>The entry's versions, oldest first, with who edited each and when.</summary>
    Task<Page<CatalogEntryVersion>> GetHistory(PageRequest page);

    /// <summary>Marks the entry as under review while a review of it is open (Art 26: the data stays served).</summary>
    Task SetUnderReview(string reviewId, bool open);

    /// <summary>Records the provincial data authority's consent to a personalized entry (Art 14); idempotent.</summary>
    Task RecordPersonalizedConsent(string requestId);

    /// <summary>
    /// Suspends (or lifts the suspension of) every use of the entry's data while a security incident is handled (Art 41);
    /// idempotent per incident. Access checks deny while any incident suspends the entry.
    /// </summary>
    Task SetSuspended(string incidentId, bool suspended);

    /// <summary>Marks the entry as opened for an emergency while the opening runs (Art 35); idempotent per opening.</summary>
    Task SetEmergencyOpening(EmergencyOpenMark mark, bool open);

    /// <summary>
    /// "Is this entry emergency-open now?": the running opening that expires last, or null. Compared with the clock, so an
    /// opening past its expiry is not open even before its reminder has removed the mark. For the open-data download path.
    /// </summary>
    Task<EmergencyOpenMark?> EmergencyOpeningNow();
}

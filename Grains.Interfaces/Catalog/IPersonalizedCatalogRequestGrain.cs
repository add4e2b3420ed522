using DataSharing.Common;

namespace DataSharing.Catalog;

/// <summary>
/// Consent to a city's personalized catalog entry (个性化目录, Art 14), keyed by request id: asked by the city data
/// authority for a draft of a department of its city, decided by the provincial data authority.
/// </summary>
public interface IPersonalizedCatalogRequestGrain : IGrainWithStringKey
{
    /// <summary>Asks for consent; asking again with the same content is a no-op.</summary>
    Task<PersonalizedCatalogRequestView> Ask(string entryCode, string justification, Actor by);

    Task<PersonalizedCatalogRequestView> Approve(string? note, Actor by);

    Task<PersonalizedCatalogRequestView> Reject(string reason, Actor by);

    Task<PersonalizedCatalogRequestView?> Get();

    /// <summary>
    /// On the province: a city platform's ask (its case as it stands there) arrives; held for the province's data
    /// authority, or refused and the refusal sent back when it is not about the city's own departments. Applied once.
    /// </summary>
    Task AskFromPeer(PersonalizedCatalogRequestView asked, string fromPlatform);

    /// <summary>On the city: the province's case after its decision arrives; recorded (and the entry marked) once.</summary>
    Task DecidedByPeer(PersonalizedCatalogRequestView decided, string fromPlatform);
}

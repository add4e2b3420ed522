using DataSharing.Common;

namespace DataSharing.Reviews;

/// <summary>One review (覆核, Art 26), keyed by review id.</summary>
public interface IReviewGrain : IDeadlineBearer
{
    Task<ReviewView> File(FileReview application, Actor applicant);

    /// <summary>Platform route: the platform admin has the provider verify; the provider's clock starts now.</summary>
    Task<ReviewView> Route(Actor by);

    /// <summary>
    /// The one extension, of at most the rulebook's working days, counted from the old due date; approved by the
    /// provider's head (provider route) or the platform admin (platform route).
    /// </summary>
    Task<ReviewView> Extend(int workingDays, string reason, Actor by);

    Task<ReviewView> Confirm(string explanation, Actor by);

    Task<ReviewView> Correct(string explanation, int? correctedEntryVersion, Actor by);

    Task<ReviewView?> Get();

    /// <summary>
    /// A review a department (or person) of another platform filed there, of an entry this platform owns, delivered by
    /// the link from that platform: this platform owns the case, as if filed here. What this platform cannot act on
    /// is recorded as refused and reported back, never thrown. Applying it again changes nothing.
    /// </summary>
    Task FileFromPeer(ReviewFiled filed, string fromPlatform);

    /// <summary>
    /// The entry owner's platform reports version <paramref name="version"/> of a review filed here; an older or
    /// repeated version changes nothing.
    /// </summary>
    Task Mirror(ReviewView review, int version, string fromPlatform);
}

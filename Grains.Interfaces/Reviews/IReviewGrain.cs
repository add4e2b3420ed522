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
}

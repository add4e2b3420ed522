using DataSharing.Common;

namespace DataSharing.Sharing;

/// <summary>One share request (Art 21, 24, 25), keyed by request id.</summary>
public interface IShareRequestGrain : IDeadlineBearer
{
    /// <summary>Submits the request; submitting the same request again returns it unchanged.</summary>
    Task<ShareRequestView> Submit(ShareRequestSubmission submission, Actor by);

    Task<ShareRequestView> Approve(ApproveShareRequest approval, Actor by);

    Task<ShareRequestView> Refuse(RefuseShareRequest refusal, Actor by);

    Task<ShareRequestView> Withdraw(string? reason, Actor by);

    Task<ShareRequestView> Revoke(string reason, Actor by);

    /// <summary>
    /// A request a department of another platform submitted there, delivered by the link from that platform: this
    /// platform owns the case. Applying it again changes nothing.
    /// </summary>
    Task SubmitFromPeer(ShareRequestSubmission submission, string fromPlatform);

    /// <summary>
    /// The provider's platform reports version <paramref name="version"/> of a request submitted here; an older or
    /// repeated version changes nothing.
    /// </summary>
    Task Mirror(ShareRequestView request, int version, string fromPlatform);

    /// <summary>The request, or null when no request has this id.</summary>
    Task<ShareRequestView?> Get();
}

using DataSharing.Common;

namespace DataSharing.Sharing;

/// <summary>One share request (Art 21, 24, 25), keyed by request id.</summary>
public interface IShareRequestGrain : IDeadlineBearer
{
    /// <summary>Submits the request; submitting the same request again returns it unchanged.</summary>
    Task<ShareRequestView> Submit(ShareRequestSubmission submission, Actor by);

    Task<ShareRequestView> Approve(ApproveShareRequest approval, Actor by);

    Task<ShareRequestView> Refuse(RefuseShareRequest refusal, Actor by);

    /// <summary>
    /// The requester withdraws a request not yet answered. On the requester's copy of a request another platform owns,
    /// the withdrawal is sent to the owner and the copy is returned as it stands (with the act in its history); the
    /// owner's answer comes back as the case's next version.
    /// </summary>
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

    /// <summary>
    /// The requester's platform <paramref name="fromPlatform"/> withdraws a request it submitted here: withdrawn if it
    /// still may be, otherwise the refusal and the current state are recorded as a new version (which travels back).
    /// Applying it again changes nothing.
    /// </summary>
    Task WithdrawForPeer(WithdrawalAsked asked, string fromPlatform);

    /// <summary>The request, or null when no request has this id.</summary>
    Task<ShareRequestView?> Get();
}

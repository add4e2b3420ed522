namespace DataSharing.Federation;

/// <summary>The outbox of the link to one peer platform, keyed by the peer's platform code.</summary>
public interface IFederationLinkGrain : IGrainWithStringKey
{
    /// <summary>Takes a message into the outbox (idempotent by message id) and starts delivering it.</summary>
    Task Enqueue(FederationMessage message);

    /// <summary>Resumes delivery (at silo start-up: a crash left the outbox as it was written).</summary>
    Task Wake();

    Task<FederationLinkStatus> Status();
}

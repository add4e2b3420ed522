namespace DataSharing.Federation;

/// <summary>The inbox of the link from one peer platform, keyed by the peer's platform code.</summary>
public interface IFederationInboxGrain : IGrainWithStringKey
{
    /// <summary>Applies the message if it is the next in sequence; says what was done.</summary>
    Task<InboxReceipt> Receive(InboundMessage message);

    /// <summary>Counts a message the API refused (bad signature, too old, wrong addressee).</summary>
    Task Rejected(string reason);

    Task<FederationInboxStatus> Status();
}

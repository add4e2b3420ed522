namespace DataSharing.Sharing;

/// <summary>
/// Reads of the share-request read model (inbox, outbox, overdue list, grants of a department for an entry).
/// A stateless worker: where the rows live depends on the hosting mode.
/// </summary>
public interface IShareRequestQueryGrain : IGrainWithIntegerKey
{
    /// <summary>Requests awaiting <paramref name="department"/>'s answer (pending or overdue), soonest due first.</summary>
    Task<IReadOnlyList<ShareRequestSummary>> Inbox(string department);

    /// <summary>Requests <paramref name="department"/> submitted, newest first.</summary>
    Task<IReadOnlyList<ShareRequestSummary>> Outbox(string department);

    /// <summary>Every overdue request of the cluster, longest overdue first.</summary>
    Task<IReadOnlyList<ShareRequestSummary>> Overdue();

    /// <summary>Requests of <paramref name="requester"/> for <paramref name="entryCode"/> in any state.</summary>
    Task<IReadOnlyList<ShareRequestSummary>> ForRequesterAndEntry(string requester, string entryCode);
}

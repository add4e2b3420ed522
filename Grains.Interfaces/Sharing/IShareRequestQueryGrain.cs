using DataSharing.Cases;
using DataSharing.Common;

namespace DataSharing.Sharing;

/// <summary>
/// Reads of the share-request read model (inbox, outbox, overdue list), a page at a time.
/// A stateless worker: where the rows live depends on the hosting mode.
/// </summary>
public interface IShareRequestQueryGrain : IGrainWithIntegerKey
{
    /// <summary>Requests awaiting <paramref name="department"/>'s answer (pending or overdue), soonest due first.</summary>
    Task<Page<ShareRequestSummary>> Inbox(string department, PageRequest page);

    /// <summary>Requests <paramref name="department"/> submitted, newest first.</summary>
    Task<Page<ShareRequestSummary>> Outbox(string department, PageRequest page);

    /// <summary>Every overdue request of the cluster, longest overdue first.</summary>
    Task<Page<ShareRequestSummary>> Overdue(PageRequest page);

    /// <summary>Every request of the cluster awaiting an answer and not yet overdue, soonest due first.</summary>
    Task<Page<ShareRequestSummary>> Awaiting(PageRequest page);

    /// <summary>The cluster's open requests counted by status and provider: overdue, due today and due this week by <paramref name="bounds"/>.</summary>
    Task<IReadOnlyList<OpenCaseCount>> CountOpen(DueBounds bounds);
}

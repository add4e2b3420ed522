using DataSharing.Cases;
using DataSharing.Common;

namespace DataSharing.Sharing;

/// <summary>
/// Where the share-request list rows live: in memory in embedded mode (<see cref="InMemoryShareRequestReadModel"/>),
/// table share_request_rows in cluster mode. A request publishes its row after every write of its state and again on
/// every activation; rows carry the request's version so an older row never replaces a newer one. Every read is a page
/// in the list's own order, served from an index, so its cost does not grow with the rows behind it.
/// </summary>
public interface IShareRequestReadModel
{
    Task Upsert(ShareRequestSummary row);

    /// <summary>Requests awaiting <paramref name="provider"/>'s answer (pending or overdue), soonest due first.</summary>
    Task<Page<ShareRequestSummary>> Inbox(string provider, PageRequest page);

    /// <summary>Requests <paramref name="requester"/> submitted, newest first.</summary>
    Task<Page<ShareRequestSummary>> Outbox(string requester, PageRequest page);

    /// <summary>Every overdue request, longest overdue first.</summary>
    Task<Page<ShareRequestSummary>> Overdue(PageRequest page);

    /// <summary>Every request awaiting an answer that is not yet overdue, soonest due first.</summary>
    Task<Page<ShareRequestSummary>> Awaiting(PageRequest page);

    /// <summary>The open requests (awaiting an answer or overdue) counted by status and provider, against <paramref name="bounds"/>.</summary>
    Task<IReadOnlyList<OpenCaseCount>> CountOpen(DueBounds bounds);

    /// <summary>
    /// The granted requests of <paramref name="requester"/> for <paramref name="entryCode"/> whose grant is for
    /// <paramref name="scenario"/> (compared by <see cref="AccessRules.ScenarioKey"/>), widest period first, at most <paramref name="limit"/>.
    /// </summary>
    Task<IReadOnlyList<ShareRequestSummary>> Grants(string requester, string entryCode, string scenario, int limit);

    /// <summary>
    /// The departments that hold a granted request for <paramref name="entryCode"/>, by code (ordinal), a page: those an
    /// incident on the entry may affect (Art 41).
    /// </summary>
    Task<Page<string>> GrantHolders(string entryCode, PageRequest page);
}

using Orleans.Concurrency;

namespace DataSharing.Sharing;

[StatelessWorker]
public sealed class ShareRequestQueryGrain(IShareRequestReadModel readModel) : Grain, IShareRequestQueryGrain
{
    private static readonly ShareRequestStatus[] Open = [ShareRequestStatus.AwaitingProvider, ShareRequestStatus.Overdue];

    public Task<IReadOnlyList<ShareRequestSummary>> Inbox(string department) =>
        readModel.Query(new ShareRequestFilter(Provider: department, Statuses: Open, Order: ShareRequestOrder.SoonestDueFirst));

    public Task<IReadOnlyList<ShareRequestSummary>> Outbox(string department) =>
        readModel.Query(new ShareRequestFilter(Requester: department));

    public Task<IReadOnlyList<ShareRequestSummary>> Overdue() =>
        readModel.Query(new ShareRequestFilter(Statuses: [ShareRequestStatus.Overdue], Order: ShareRequestOrder.SoonestDueFirst));

    public Task<IReadOnlyList<ShareRequestSummary>> ForRequesterAndEntry(string requester, string entryCode) =>
        readModel.Query(new ShareRequestFilter(Requester: requester, EntryCode: entryCode));
}

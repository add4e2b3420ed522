using DataSharing.Cases;
using DataSharing.Common;
using Orleans.Concurrency;

namespace DataSharing.Sharing;

[StatelessWorker, Reentrant]
public sealed class ShareRequestQueryGrain(IShareRequestReadModel readModel) : Grain, IShareRequestQueryGrain
{
    public Task<Page<ShareRequestSummary>> Inbox(string department, PageRequest page) => readModel.Inbox(department, page);

    public Task<Page<ShareRequestSummary>> Outbox(string department, PageRequest page) => readModel.Outbox(department, page);

    public Task<Page<ShareRequestSummary>> Overdue(PageRequest page) => readModel.Overdue(page);

    public Task<Page<ShareRequestSummary>> Awaiting(PageRequest page) => readModel.Awaiting(page);

    public Task<IReadOnlyList<OpenCaseCount>> CountOpen(DueBounds bounds) => readModel.CountOpen(bounds);
}

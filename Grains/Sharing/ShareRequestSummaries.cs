namespace DataSharing.Sharing;

public static class ShareRequestSummaries
{
    /// <summary>The read-model row of a request at a given version of its state.</summary>
    public static ShareRequestSummary Of(ShareRequestView request, int version) => new(
        request.Id, request.Submission.RequesterDepartment, request.ProviderDepartment, request.Submission.EntryCode,
        request.EntryName, request.ShareType, request.Status, request.ReceivedAt,
        request.AnswerDeadline?.DueAt, request.AnswerDeadline?.DueDate, request.AnswerDeadline?.Provisional ?? false,
        version, request.Grant);
}

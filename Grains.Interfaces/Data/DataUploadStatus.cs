namespace DataSharing.Data;

public enum DataUploadStatus
{
    /// <summary>Rows are arriving; nothing of the upload is visible yet.</summary>
    Receiving,

    /// <summary>Committed: readers see the new records.</summary>
    Applied,

    /// <summary>Bad rows under <see cref="BadRowPolicy.Reject"/>: nothing was applied; the errors are reported.</summary>
    Rejected,

    /// <summary>Stopped before it was applied (the connection was lost, a silo stopped, the client gave up): nothing was applied.</summary>
    Failed,
}

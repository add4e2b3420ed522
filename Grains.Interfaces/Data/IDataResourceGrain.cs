using DataSharing.Common;

namespace DataSharing.Data;

/// <summary>
/// An entry's data as a resource on the platform (Art 17, 19): its uploads, one at a time, and its freshness. Keyed by
/// the entry code. The records themselves live in the hosting mode's record store, never in this grain's state.
/// </summary>
public interface IDataResourceGrain : IGrainWithStringKey
{
    /// <summary>Begins an upload by the provider's staff; 409 while another upload of the entry is receiving.</summary>
    Task<DataUploadStarted> BeginUpload(DataUploadRequest request, Actor by);

    /// <summary>Validates and writes a batch of parsed rows, in order; returns the upload's progress.</summary>
    Task<DataUploadView> Append(string uploadId, DataRowBatch rows);

    /// <summary>Ends the upload: applied atomically, or rejected (bad rows under Reject) with nothing applied.</summary>
    /// <remarks>Applying millions of records (the commit of their COPY, an upsert's merge) takes longer than an ordinary call may.</remarks>
    [ResponseTimeout("00:10:00")]
    Task<DataUploadView> Complete(string uploadId);

    /// <summary>
    /// Begins an upload whose rows the API process checks and COPYs itself (cluster mode), as <see cref="BeginUpload"/>
    /// does for rows sent here: the same checks of who uploads and when; 409 while another upload of the entry is receiving.
    /// </summary>
    Task<DataUploadTicket> IssueTicket(DataUploadRequest request, Actor by);

    /// <summary>How far the ticket's holder got (the upload's progress for GET .../uploads/{id}); refused for a ticket not the open upload's or expired.</summary>
    Task<DataUploadView> Progress(DataUploadTicket ticket, DataUploadProgress progress);

    /// <summary>
    /// Ends a ticket's upload: its stage applied atomically (rows the holder staged completely), or rejected or failed
    /// with nothing applied and the stage dropped. Refused (nothing applied) for a ticket not the open upload's or expired.
    /// </summary>
    [ResponseTimeout("00:10:00")]
    Task<DataUploadView> CompleteTicket(DataUploadTicket ticket, DataUploadProgress final);

    /// <summary>Stops an upload before it is applied (the client's stream broke): nothing is applied.</summary>
    Task<DataUploadView> Abort(string uploadId, string reason);

    Task<DataUploadView> GetUpload(string uploadId, Actor by);

    /// <summary>The errors an upload reported, by line.</summary>
    Task<Page<RowError>> GetUploadErrors(string uploadId, PageRequest page, Actor by);

    /// <summary>
    /// Checks the entry's stored records against its data items' rules (Art 19) and keeps the report; run on request
    /// by the provider or oversight, and every 30 days by a reminder once the entry has data.
    /// </summary>
    [ResponseTimeout("00:10:00")]
    Task<Quality.QualityReport> CheckQuality(Actor by);

    /// <summary>The latest quality check of the stored records, if any.</summary>
    Task<DataQualityCheck?> GetQuality();

    /// <summary>Freshness and the latest upload: public information about the catalog entry.</summary>
    Task<DataResourceView> Get();
}

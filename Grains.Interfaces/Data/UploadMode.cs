namespace DataSharing.Data;

/// <summary>How an upload changes an entry's records (Art 17).</summary>
public enum UploadMode
{
    /// <summary>The upload is the whole dataset: it replaces every record.</summary>
    Replace,

    /// <summary>Incremental: each row inserts or replaces the record with its key (the entry's declared key item).</summary>
    Upsert,
}

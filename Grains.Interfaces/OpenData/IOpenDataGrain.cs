namespace DataSharing.OpenData;

/// <summary>Serves open data (Art 34-37): decides, reads, desensitizes and records every download (a stateless worker).</summary>
public interface IOpenDataGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// A page of the entry's data for <paramref name="by"/> (anonymous or a member of the public), desensitized with
    /// the entry's rule set; refused (403) when the caller may not download it now, and recorded in the audit log
    /// with the number of records served before they are served.
    /// </summary>
    Task<OpenDownload> Download(OpenDownloadRequest request, Common.Actor by);
}

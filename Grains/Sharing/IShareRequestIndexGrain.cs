namespace DataSharing.Sharing;

/// <summary>The embedded-mode store of share-request rows (a singleton: key <see cref="Key"/>).</summary>
public interface IShareRequestIndexGrain : IGrainWithStringKey
{
    const string Key = "share-requests";

    Task Upsert(ShareRequestSummary row);

    Task<IReadOnlyList<ShareRequestSummary>> Query(ShareRequestFilter filter);
}

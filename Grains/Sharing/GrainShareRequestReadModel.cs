namespace DataSharing.Sharing;

/// <summary>The embedded-mode read model: rows kept by one grain, so every silo of a test cluster sees the same list.</summary>
public sealed class GrainShareRequestReadModel(IGrainFactory grains) : IShareRequestReadModel
{
    private IShareRequestIndexGrain Index => grains.GetGrain<IShareRequestIndexGrain>(IShareRequestIndexGrain.Key);

    public Task Upsert(ShareRequestSummary row) => Index.Upsert(row);

    public Task<IReadOnlyList<ShareRequestSummary>> Query(ShareRequestFilter filter) => Index.Query(filter);
}

namespace DataSharing.Sharing;

public enum ShareRequestOrder
{
    NewestFirst,
    SoonestDueFirst,
}

/// <summary>A query of the share-request read model; every list the platform shows is one of these.</summary>
[GenerateSerializer, Alias("ShareRequestFilter")]
public sealed record ShareRequestFilter(
    [property: Id(0)] string? Requester = null,
    [property: Id(1)] string? Provider = null,
    [property: Id(2)] string? EntryCode = null,
    [property: Id(3)] IReadOnlyList<ShareRequestStatus>? Statuses = null,
    [property: Id(4)] ShareRequestOrder Order = ShareRequestOrder.NewestFirst,
    [property: Id(5)] int Limit = ShareRequestFilter.DefaultLimit)
{
    public const int DefaultLimit = 500;

    public IEnumerable<ShareRequestSummary> Apply(IEnumerable<ShareRequestSummary> rows)
    {
        var matching = rows.Where(r =>
            (Requester is null || r.RequesterDepartment == Requester)
            && (Provider is null || r.ProviderDepartment == Provider)
            && (EntryCode is null || r.EntryCode == EntryCode)
            && (Statuses is null || Statuses.Contains(r.Status)));
        var ordered = Order == ShareRequestOrder.SoonestDueFirst
            ? matching.OrderBy(r => r.DueAt ?? DateTimeOffset.MaxValue).ThenBy(r => r.Id, StringComparer.Ordinal)
            : matching.OrderByDescending(r => r.ReceivedAt).ThenBy(r => r.Id, StringComparer.Ordinal);
        return ordered.Take(Limit);
    }
}

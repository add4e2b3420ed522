namespace DataSharing.Sharing;

/// <summary>
/// Where the share-request list rows live. Embedded mode keeps them in a grain (<see cref="GrainShareRequestReadModel"/>);
/// cluster mode keeps them in PostgreSQL. A request publishes its row after every write of its state and again on
/// every activation; rows carry the request's version so an older row never replaces a newer one.
/// </summary>
public interface IShareRequestReadModel
{
    Task Upsert(ShareRequestSummary row);

    Task<IReadOnlyList<ShareRequestSummary>> Query(ShareRequestFilter filter);
}

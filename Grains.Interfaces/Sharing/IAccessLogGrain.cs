namespace DataSharing.Sharing;

/// <summary>The access checks of one department on one day (key "{department}/{yyyy-MM-dd}", Asia/Shanghai).</summary>
public interface IAccessLogGrain : IGrainWithStringKey
{
    Task Append(AccessCheckRecord record);

    Task<IReadOnlyList<AccessCheckRecord>> List();
}

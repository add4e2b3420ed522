using DataSharing.Common;

namespace DataSharing.Sharing;

/// <summary>Decides, records and lists access checks against the department's grants (a stateless worker).</summary>
public interface IAccessGateGrain : IGrainWithIntegerKey
{
    Task<AccessCheckRecord> Check(AccessCheckRequest request, Actor by);

    /// <summary>A department's checks on one day (Asia/Shanghai), in the order they were made.</summary>
    Task<Page<AccessCheckRecord>> List(string department, DateOnly day, PageRequest page);
}

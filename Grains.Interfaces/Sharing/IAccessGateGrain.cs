using DataSharing.Common;

namespace DataSharing.Sharing;

/// <summary>Decides and records access checks against the department's grants (a stateless worker).</summary>
public interface IAccessGateGrain : IGrainWithIntegerKey
{
    Task<AccessCheckRecord> Check(AccessCheckRequest request, Actor by);
}

using DataSharing.Audit;
using DataSharing.Common;

namespace DataSharing.Sharing;

/// <summary>
/// The access checks of each department (Art 21): in memory in embedded mode, table access_checks in cluster mode.
/// A check is kept together with its audit entry (in cluster mode in one transaction), and only then answered.
/// </summary>
public interface IAccessCheckLog
{
    Task Record(AccessCheckRecord check, AuditEntry audit);

    /// <summary>A department's checks on one day (Asia/Shanghai), in the order they were made.</summary>
    Task<Page<AccessCheckRecord>> List(string department, DateOnly day, PageRequest page);
}

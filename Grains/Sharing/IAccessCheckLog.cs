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

    /// <summary>
    /// The departments with an allowed check of <paramref name="entryCode"/> in [<paramref name="from"/>, <paramref name="to"/>),
    /// by code (ordinal), a page: those that used the data while it may have leaked (Art 41). A denied check used nothing.
    /// </summary>
    Task<Page<string>> Users(string entryCode, DateTimeOffset from, DateTimeOffset to, PageRequest page);
}

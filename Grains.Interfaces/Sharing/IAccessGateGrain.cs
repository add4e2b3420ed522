using DataSharing.Common;

namespace DataSharing.Sharing;

/// <summary>Decides, records and lists access checks against the department's grants (a stateless worker).</summary>
public interface IAccessGateGrain : IGrainWithIntegerKey
{
    Task<AccessCheckRecord> Check(AccessCheckRequest request, Actor by);

    /// <summary>
    /// Reads a page of the entry's records within the department's grant (Art 21): only the data items asked for, each
    /// of them granted. The read is recorded as an access check with the number of records served, before they are
    /// served; a read the grant does not cover is recorded and refused (403).
    /// </summary>
    Task<Data.DataReadResult> Read(Data.DataReadRequest request, Actor by);

    /// <summary>A department's checks on one day (Asia/Shanghai), in the order they were made.</summary>
    Task<Page<AccessCheckRecord>> List(string department, DateOnly day, PageRequest page);
}

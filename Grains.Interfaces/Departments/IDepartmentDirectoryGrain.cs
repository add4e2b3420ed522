using DataSharing.Common;

namespace DataSharing.Departments;

/// <summary>The list of departments of this cluster (a singleton: key <see cref="Key"/>).</summary>
public interface IDepartmentDirectoryGrain : IGrainWithStringKey
{
    const string Key = "directory";

    Task Add(DepartmentProfile profile);

    /// <summary>The departments in code order (ordinal), a page at a time.</summary>
    Task<Page<DepartmentProfile>> List(PageRequest page);
}

namespace DataSharing.Departments;

/// <summary>The list of departments of this cluster (a singleton: key <see cref="Key"/>).</summary>
public interface IDepartmentDirectoryGrain : IGrainWithStringKey
{
    const string Key = "directory";

    Task Add(DepartmentProfile profile);

    Task<IReadOnlyList<DepartmentProfile>> List();
}

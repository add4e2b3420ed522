namespace DataSharing.Departments;

public interface IDepartmentGrain : IGrainWithStringKey
{
    /// <summary>Registers the department or updates its name; registering the same profile twice is a no-op.</summary>
    Task<DepartmentProfile> Register(DepartmentProfile profile);

    /// <summary>The profile, or null when no department has this code.</summary>
    Task<DepartmentProfile?> GetProfile();

    /// <summary>Next sequence number for this department's catalog entry codes.</summary>
    Task<int> NextCatalogSequence();

    /// <summary>Makes sure the sequence is at least <paramref name="sequence"/>, for codes assigned by a seed.</summary>
    Task ReserveCatalogSequence(int sequence);
}

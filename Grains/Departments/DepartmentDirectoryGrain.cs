using DataSharing.Common;
using Orleans.Runtime;

namespace DataSharing.Departments;

/// <summary>
/// The directory: a province's departments, a few hundred, so one grain's state; its list is paged all the same, so
/// no response grows with it.
/// </summary>
public sealed class DepartmentDirectoryGrain(
    [PersistentState("departments", StorageNames.Platform)] IPersistentState<DepartmentDirectoryGrain.State> state)
    : Grain, IDepartmentDirectoryGrain
{
    public async Task Add(DepartmentProfile profile)
    {
        if (state.State.Departments.TryGetValue(profile.Code, out var known) && known == profile)
        {
            return;
        }

        state.State.Departments[profile.Code] = profile;
        await state.WriteStateAsync();
    }

    public Task<Page<DepartmentProfile>> List(PageRequest page)
    {
        var after = DirectoryCursor.After(page);
        var departments = state.State.Departments.Values
            .Where(d => after is null || string.CompareOrdinal(d.Code, after) > 0)
            .OrderBy(d => d.Code, StringComparer.Ordinal)
            .Take(page.Limit + 1)
            .ToList();
        return Task.FromResult(Page<DepartmentProfile>.Of(departments, page.Limit, d => DirectoryCursor.Of(d.Code)));
    }

    [GenerateSerializer, Alias("DepartmentDirectoryState")]
    public sealed class State
    {
        [Id(0)] public Dictionary<string, DepartmentProfile> Departments { get; set; } = new();
    }
}

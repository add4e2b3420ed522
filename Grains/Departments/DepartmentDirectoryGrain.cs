using DataSharing.Common;
using Orleans.Runtime;

namespace DataSharing.Departments;

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

    public Task<IReadOnlyList<DepartmentProfile>> List() =>
        Task.FromResult<IReadOnlyList<DepartmentProfile>>(state.State.Departments.Values.OrderBy(d => d.Code).ToList());

    [GenerateSerializer, Alias("DepartmentDirectoryState")]
    public sealed class State
    {
        [Id(0)] public Dictionary<string, DepartmentProfile> Departments { get; set; } = new();
    }
}

using System.Text.RegularExpressions;
using DataSharing.Common;
using Orleans.Runtime;

namespace DataSharing.Departments;

public sealed partial class DepartmentGrain(
    [PersistentState("department", StorageNames.Platform)] IPersistentState<DepartmentGrain.State> state)
    : Grain, IDepartmentGrain
{
    public async Task<DepartmentProfile> Register(DepartmentProfile profile)
    {
        var code = this.GetPrimaryKeyString();
        if (!CodePattern().IsMatch(code) || profile.Code != code)
        {
            throw new ValidationFailedException("code", "A department code is a six-digit region code, a dash and the unit's letters, e.g. 340000-GA.");
        }

        Require.Line(profile.Name, "name");

        if (!code.StartsWith(profile.RegionCode + "-", StringComparison.Ordinal))
        {
            throw new ValidationFailedException("regionCode", $"The region code must be the code's prefix ({code[..6]}).");
        }

        if (state.State.Profile != profile)
        {
            state.State.Profile = profile;
            await state.WriteStateAsync();
        }

        await GrainFactory.GetGrain<IDepartmentDirectoryGrain>(IDepartmentDirectoryGrain.Key).Add(profile);
        return profile;
    }

    public Task<DepartmentProfile?> GetProfile() => Task.FromResult(state.State.Profile);

    public async Task<int> NextCatalogSequence()
    {
        state.State.CatalogSequence++;
        await state.WriteStateAsync();
        return state.State.CatalogSequence;
    }

    public async Task ReserveCatalogSequence(int sequence)
    {
        if (state.State.CatalogSequence < sequence)
        {
            state.State.CatalogSequence = sequence;
            await state.WriteStateAsync();
        }
    }

    public async Task RecordViolation(ViolationRecord violation)
    {
        if (state.State.Violations.Any(v => v.Id == violation.Id))
        {
            return;
        }

        state.State.Violations.Add(violation);
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<ViolationRecord>> GetViolations() =>
        Task.FromResult<IReadOnlyList<ViolationRecord>>(state.State.Violations.ToList());

    [GeneratedRegex("^[0-9]{6}-[A-Z0-9]{1,12}$")]
    private static partial Regex CodePattern();

    [GenerateSerializer, Alias("DepartmentState")]
    public sealed class State
    {
        [Id(0)] public DepartmentProfile? Profile { get; set; }
        [Id(1)] public int CatalogSequence { get; set; }
        [Id(2)] public List<ViolationRecord> Violations { get; set; } = [];
    }
}

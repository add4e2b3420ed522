using System.Text.RegularExpressions;
using DataSharing.Common;
using Orleans.Runtime;

namespace DataSharing.Departments;

public sealed partial class DepartmentGrain(
    [PersistentState("department", StorageNames.Platform)] IPersistentState<DepartmentGrain.State> state,
    IViolationStore violations)
    : Grain, IDepartmentGrain
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Violations used to be kept here; a state written before they moved to the violation store hands them over
        // (recording is idempotent, so a crash before the state is written again only records them twice, as one).
        if (state.State.Violations is { Count: > 0 } kept)
        {
            foreach (var violation in kept)
            {
                await violations.Record(violation);
            }

            state.State.Violations = null;
            await state.WriteStateAsync(cancellationToken);
        }
    }

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

    [GeneratedRegex("^[0-9]{6}-[A-Z0-9]{1,12}$")]
    private static partial Regex CodePattern();

    [GenerateSerializer, Alias("DepartmentState")]
    public sealed class State
    {
        [Id(0)] public DepartmentProfile? Profile { get; set; }
        [Id(1)] public int CatalogSequence { get; set; }

        /// <summary>
        /// Only read, from states written before violations moved to <see cref="IViolationStore"/>: handed over on
        /// activation, then cleared. Id 2 stays taken so that no new member ever reads those bytes as something else.
        /// </summary>
        [Id(2)] public List<ViolationRecord>? Violations { get; set; }
    }
}

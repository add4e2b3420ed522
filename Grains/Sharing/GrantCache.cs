using DataSharing.Common;
using Microsoft.Extensions.Options;

namespace DataSharing.Sharing;

/// <summary>
/// The grants each requester holds for an entry and a scenario, held in every silo so that an access check allowed by a
/// cached grant costs no database query (issue 9). Only an allowing grant is trusted from the cache: a check the cached
/// grants would deny is decided again on fresh rows, so a new grant is honoured at once. A revoked (or withdrawn,
/// expired) grant stops being honoured at once in the silo of its case, and in every other silo within
/// <see cref="CacheOptions.GrantMaxAge"/>.
/// </summary>
public sealed class GrantCache(IShareRequestReadModel readModel, PlatformClock clock, IOptions<CacheOptions> options)
{
    /// <summary>The grants read per key at most, widest period first; a department rarely holds more than a few.</summary>
    public const int MaxGrantsPerKey = 20;

    private readonly ReadThroughCache<(string Requester, string Entry, string Scenario), IReadOnlyList<ShareRequestSummary>> _grants =
        new(options.Value.GrantMaxAge, 100_000, clock.Time);

    public ValueTask<IReadOnlyList<ShareRequestSummary>> Grants(string requester, string entryCode, string scenario, bool fresh = false) =>
        _grants.Get((requester, entryCode, AccessRules.ScenarioKey(scenario)),
            key => readModel.Grants(key.Requester, key.Entry, scenario, MaxGrantsPerKey), fresh);

    /// <summary>Called by a request whose grant changed, in its own silo.</summary>
    public void Invalidate(string requester, string entryCode, string scenario) =>
        _grants.Invalidate((requester, entryCode, AccessRules.ScenarioKey(scenario)));
}

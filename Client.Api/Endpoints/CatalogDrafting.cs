using DataSharing.Catalog;
using DataSharing.Common;
using DataSharing.Departments;

namespace DataSharing.Api.Endpoints;

/// <summary>
/// Compiling a new entry under a code drawn from the department's sequence: what POST /api/catalog does, and what a
/// spreadsheet import does for each row without a code.
/// </summary>
public static class CatalogDrafting
{
    public const string Scope = "catalog";

    /// <param name="claim">How the code is claimed: under the request's Idempotency-Key, a row's key, or none.</param>
    public static async Task<(CatalogEntryView Entry, bool Replayed)> Draft(IGrainFactory grains, Actor caller, CatalogEntryContent content,
        Func<Func<Task<string>>, Func<string, Task<bool>>, Task<IdempotencyClaim>> claim)
    {
        // Checked before a code is drawn: a refused draft must not use up the department's next sequence number.
        CatalogEntryRules.Validate(content);
        var claimed = await claim(
            async () => CatalogCodes.Format(content.ProviderDepartment, await grains.GetGrain<IDepartmentGrain>(content.ProviderDepartment).NextCatalogSequence()),
            async code => await grains.GetGrain<ICatalogEntryGrain>(code).Get() is not null);
        return (await grains.GetGrain<ICatalogEntryGrain>(claimed.ResourceId).Draft(content, caller), claimed.Replayed);
    }
}

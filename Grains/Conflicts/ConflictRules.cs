using DataSharing.Catalog;
using DataSharing.Common;
using DataSharing.Departments;

namespace DataSharing.Conflicts;

/// <summary>What an Art 27 conflict must say before the departments are asked to negotiate it.</summary>
public static class ConflictRules
{
    /// <summary>
    /// A party department, the platform, or the automatic comparison (the system) opens a conflict. Called after
    /// <see cref="EnsureMayOpen"/> and <see cref="ValidateSubject"/>, so a department is told about its own mistakes
    /// before it is told it is not a party.
    /// </summary>
    public static ConflictOrigin OriginOf(OpenConflict conflict, Actor by)
    {
        if (by == Actor.System)
        {
            return ConflictOrigin.Automatic;
        }

        if (by.Role == Role.PlatformAdmin)
        {
            return ConflictOrigin.Platform;
        }

        return conflict.Parties.Any(p => by.ActsFor(p.Department))
            ? ConflictOrigin.Department
            : throw new NotEntitledException("A department opens a conflict only when it is one of its parties (Art 27).");
    }

    public static void EnsureMayOpen(Actor by)
    {
        if (by != Actor.System && by.Role != Role.PlatformAdmin && !Role.IsDepartmentRole(by.Role))
        {
            throw new NotEntitledException("A conflict is opened by one of its departments or by the platform (Art 27).");
        }
    }

    /// <summary>A conflict is between a few departments; more than this is a mistake in the request.</summary>
    public const int MaxParties = 20;

    /// <summary>The checks that need no state: by the API before the conflict's id is claimed, by the grain before any lookup.</summary>
    public static void ValidateSubject(OpenConflict conflict)
    {
        Require.Line(conflict.Classification, "classification", "Art 27");
        Require.Line(conflict.DataItem, "dataItem", "Art 27");
        Require.OptionalId(conflict.StandardElementCode, "standardElementCode", "Art 16");
        Require.Text(conflict.Description, "description", "Art 27");
        Require.Items(conflict.Parties, "parties", MaxParties, "Art 27");
        for (var i = 0; i < conflict.Parties.Count; i++)
        {
            Require.Id(conflict.Parties[i].Department, $"parties[{i}].department", "Art 27");
            Require.OptionalId(conflict.Parties[i].EntryCode, $"parties[{i}].entryCode", "Art 27");
        }

        if (conflict.Parties.Select(p => p.Department).Distinct().Count() < 2)
        {
            throw new ValidationFailedException("parties", "A conflict is between two or more departments (Art 27).", "Art 27");
        }
    }

    /// <summary>
    /// Each party is a known department; an entry it names is its own published entry of the conflict's subject
    /// category (Art 27: data of the same category). The automatic comparison found the entries in the published
    /// catalog itself, and the entry grains are the ones calling it, so they are not called back.
    /// </summary>
    public static async Task ValidateParties(OpenConflict conflict, ConflictOrigin origin, IGrainFactory grains)
    {
        for (var i = 0; i < conflict.Parties.Count; i++)
        {
            var party = conflict.Parties[i];
            if (await grains.GetGrain<IDepartmentGrain>(party.Department).GetProfile() is null)
            {
                throw new ValidationFailedException($"parties[{i}].department", $"No department has the code '{party.Department}'.");
            }

            if (party.EntryCode is null || origin == ConflictOrigin.Automatic)
            {
                continue;
            }

            var entry = await grains.GetGrain<ICatalogEntryGrain>(party.EntryCode).Get();
            if (entry is not { Status: CatalogEntryStatus.Published } || entry.Content.ProviderDepartment != party.Department)
            {
                throw new ValidationFailedException($"parties[{i}].entryCode", $"{party.Department} has no published entry '{party.EntryCode}'.", "Art 27");
            }

            if (entry.Content.Classification != conflict.Classification)
            {
                throw new ValidationFailedException($"parties[{i}].entryCode",
                    $"{party.EntryCode} is of category '{entry.Content.Classification}', not '{conflict.Classification}' (Art 27: data of the same category).", "Art 27");
            }
        }
    }
}

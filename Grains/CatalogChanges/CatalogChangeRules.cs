using DataSharing.Common;

namespace DataSharing.CatalogChanges;

/// <summary>What a declared catalog change (Art 15) must say, checked before anything is written.</summary>
public static class CatalogChangeRules
{
    /// <summary>
    /// The checks that need no state: by the API before the change's id is claimed, by the grain before it looks up
    /// the affected entries. The API leaves out <paramref name="today"/>; the grain's clock decides what is future.
    /// </summary>
    public static void ValidateDeclaration(DeclareCatalogChange declaration, DateOnly? today = null)
    {
        Require.Text(declaration.Basis, "basis", "Art 15");
        Require.Date(declaration.ChangedOn, "changedOn", "Art 15");
        if (today is { } date && declaration.ChangedOn > date)
        {
            throw new ValidationFailedException("changedOn",
                $"changedOn {declaration.ChangedOn:yyyy-MM-dd} is in the future; it is the date the law or duty changed: today or earlier.", "Art 15");
        }

        Require.Items(declaration.AffectedEntries, "affectedEntries", Require.MaxItems, "Art 15");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < declaration.AffectedEntries.Count; i++)
        {
            Require.Id(declaration.AffectedEntries[i], $"affectedEntries[{i}]", "Art 15");
            if (!seen.Add(declaration.AffectedEntries[i]))
            {
                throw new ValidationFailedException($"affectedEntries[{i}]", $"affectedEntries[{i}] '{declaration.AffectedEntries[i]}' is listed twice.", "Art 15");
            }
        }
    }
}

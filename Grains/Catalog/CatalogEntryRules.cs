using DataSharing.Common;

namespace DataSharing.Catalog;

/// <summary>What an entry must state before the catalog accepts it (R1: Art 13, 22, 24, 36).</summary>
public static class CatalogEntryRules
{
    /// <summary>The most data items (fields) one entry lists; a request, review or access check names at most these.</summary>
    public const int MaxDataItems = 300;

    /// <summary>The most materials an entry may require of a request (Art 24).</summary>
    public const int MaxRequiredMaterials = 20;

    public static void Validate(CatalogEntryContent content)
    {
        Require.Line(content.Classification, "classification", "Art 13");
        Require.Id(content.ProviderDepartment, "providerDepartment", "Art 13");
        Require.Line(content.Name, "name", "Art 13");
        Require.Line(content.Format, "format", "Art 13");
        Require.Text(content.UsageRequirements, "usageRequirements", "Art 13");
        Require.Line(content.UpdateFrequency, "updateFrequency", "Art 13");
        Require.Line(content.SecurityGrade, "securityGrade", "Art 39");
        Require.OptionalText(content.Description, "description");
        Require.OptionalText(content.ShareConditions, "shareConditions");
        Require.OptionalText(content.ShareReason, "shareReason");
        Require.OptionalText(content.LegalBasis, "legalBasis");
        Require.OptionalLine(content.SourceSystem, "sourceSystem");
        Require.OptionalDate(content.LastDataUpdate, "lastDataUpdate", "Art 13");

        if (content.DataItems is not { Count: > 0 })
        {
            throw new ValidationFailedException("dataItems", "An entry lists at least one data item.", "Art 13");
        }

        Require.Items(content.DataItems, "dataItems", MaxDataItems, "Art 13");
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < content.DataItems.Count; i++)
        {
            var item = content.DataItems[i];
            Require.Line(item.Name, $"dataItems[{i}].name", "Art 13");
            Require.Line(item.DataType, $"dataItems[{i}].dataType", "Art 13");
            Require.OptionalId(item.StandardElementCode, $"dataItems[{i}].standardElementCode", "Art 16");
            if (!names.Add(item.Name.Trim()))
            {
                throw new ValidationFailedException($"dataItems[{i}].name", $"The data item '{item.Name}' is listed twice.");
            }
        }

        if (content.KeyItem is not null && !content.DataItems.Any(i => string.Equals(i.Name, content.KeyItem, StringComparison.Ordinal)))
        {
            throw new ValidationFailedException("keyItem", $"The key item '{content.KeyItem}' is not one of the entry's data items.", "Art 17");
        }

        // Art 22: a restriction on sharing must be explained and founded on law, administrative regulation
        // or the policy of the Party Central Committee or the State Council.
        if (content.ShareType != ShareType.Unconditional)
        {
            Require.Text(content.ShareReason, "shareReason", "Art 22");
            Require.Text(content.LegalBasis, "legalBasis", "Art 22");
        }

        if (content.ShareType == ShareType.Conditional)
        {
            Require.Text(content.ShareConditions, "shareConditions", "Art 22");
        }

        Require.Items(content.RequiredMaterials, "requiredMaterials", MaxRequiredMaterials, "Art 24");
        for (var i = 0; i < content.RequiredMaterials.Count; i++)
        {
            Require.Line(content.RequiredMaterials[i], $"requiredMaterials[{i}]", "Art 24");
        }

        if (content.UpdateTimeLimitWorkingDays is < 0 or > 365)
        {
            throw new ValidationFailedException("updateTimeLimitWorkingDays", "The update time limit is between 0 and 365 working days.", "Art 13");
        }

        if (!Enum.IsDefined(content.ShareType))
        {
            throw new ValidationFailedException("shareType", "Unknown share type.", "Art 22");
        }

        if (!Enum.IsDefined(content.ShareMethod))
        {
            throw new ValidationFailedException("shareMethod", "Unknown share method.", "Art 13");
        }

        if (!Enum.IsDefined(content.OpenType))
        {
            throw new ValidationFailedException("openType", "Unknown open type.", "Art 36");
        }
    }
}

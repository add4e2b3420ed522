using DataSharing.Common;

namespace DataSharing.Catalog;

/// <summary>What a city's request for consent to a personalized entry (Art 14) must say.</summary>
public static class PersonalizedCatalogRules
{
    /// <summary>By the API before the request's id is claimed, and by the grain before it looks the entry up.</summary>
    public static void ValidateAsk(string? entryCode, string? justification)
    {
        Require.Id(entryCode, "entryCode", "Art 14");
        Require.Text(justification, "justification", "Art 14");
    }
}

using System.Collections.Frozen;
using DataSharing.OpenData;

namespace DataSharing.Quality;

/// <summary>
/// The standard data elements the platform knows. An item declaring a code not listed here is checked by its data
/// type alone and kept as it is unless its entry says otherwise.
/// </summary>
public static class StandardElements
{
    /// <summary>A person's name: the surname kept (张*, 张**), the given name hidden.</summary>
    public static readonly StandardElement PersonName = new("DE00001", "Name", null, DesensitizationMethod.Mask, 1, 0);

    /// <summary>Region and last four kept (340104********1234), as identity numbers are usually shown.</summary>
    public static readonly StandardElement IdentityNumber = new("DE00002", "Resident identity number", ValueRules.IdentityNumber,
        DesensitizationMethod.Mask, 6, 4, Generalization.BirthYear);

    /// <summary>Operator prefix and last four kept (138****5678).</summary>
    public static readonly StandardElement Mobile = new("DE00003", "Mobile number", ValueRules.Mobile, DesensitizationMethod.Mask, 3, 4);

    /// <summary>An address is generalized to its district or county: where someone lives is personal, the district is not.</summary>
    public static readonly StandardElement Address = new("DE00004", "Address", null, DesensitizationMethod.Generalize,
        Generalization: Generalization.District);

    /// <summary>A division code names a place, not a person: kept.</summary>
    public static readonly StandardElement Division = new("DE00005", "Administrative division code", ValueRules.Division,
        DesensitizationMethod.Keep, Generalization: Generalization.City);

    /// <summary>A birth date with a name narrows a person down to a few: only the year is shown.</summary>
    public static readonly StandardElement BirthDate = new("DE00007", "Birth date", ValueRules.BirthDate, DesensitizationMethod.Generalize,
        Generalization: Generalization.Year);

    /// <summary>A legal person's credit code is public (the national enterprise credit information system): kept.</summary>
    public static readonly StandardElement CreditCode = new("DE01001", "Unified social credit code", ValueRules.CreditCode, DesensitizationMethod.Keep);

    /// <summary>A legal person's registered name is public: kept.</summary>
    public static readonly StandardElement EntityName = new("DE01002", "Entity name", null, DesensitizationMethod.Keep);

    public static readonly IReadOnlyList<StandardElement> All =
        [PersonName, IdentityNumber, Mobile, Address, Division, BirthDate, CreditCode, EntityName];

    private static readonly FrozenDictionary<string, StandardElement> ByCode = All.ToFrozenDictionary(e => e.Code, StringComparer.Ordinal);

    /// <summary>The element with this code, or null (no code, or one the platform does not know).</summary>
    public static StandardElement? Find(string? code) => code is not null && ByCode.TryGetValue(code, out var element) ? element : null;
}

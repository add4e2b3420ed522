using DataSharing.Catalog;
using DataSharing.Common;

namespace DataSharing.Api.Contracts;

/// <summary>
/// A catalog entry as a client sends it. Enum fields are nullable here so that leaving one out is an error naming
/// the field, not a silent default (an entry that quietly became Unconditional would breach Art 22).
/// </summary>
public sealed record CatalogEntryBody
{
    public string? Classification { get; init; }
    /// <summary>Defaults to the caller's department; another department's code is refused.</summary>
    public string? ProviderDepartment { get; init; }
    public string? Name { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<DataItem>? DataItems { get; init; }
    public string? Format { get; init; }
    public ShareType? ShareType { get; init; }
    public string? ShareConditions { get; init; }
    public string? ShareReason { get; init; }
    public string? LegalBasis { get; init; }
    public ShareMethod? ShareMethod { get; init; }
    public IReadOnlyList<string>? RequiredMaterials { get; init; }
    public string? UsageRequirements { get; init; }
    public string? UpdateFrequency { get; init; }
    public int? UpdateTimeLimitWorkingDays { get; init; }
    public OpenType? OpenType { get; init; }
    public string? SecurityGrade { get; init; }
    public string? SourceSystem { get; init; }
    public DateOnly? LastDataUpdate { get; init; }

    /// <summary>A city department's local data outside the provincial catalog (Art 14): published only with consent.</summary>
    public bool? Personalized { get; init; }

    /// <summary>
    /// Federation (the default): the linked province and city platforms list the entry too (Art 23); Platform: this
    /// platform's catalog only.
    /// </summary>
    public ShareScope? ShareScope { get; init; }

    /// <summary>The data item that identifies a record of the entry's data: incremental uploads upsert by it (Art 17).</summary>
    public string? KeyItem { get; init; }

    /// <summary>How each data item is desensitized when the data is opened (Art 36); items left out get their element's default.</summary>
    public IReadOnlyList<DesensitizationRuleBody?>? Desensitization { get; init; }

    /// <summary>On edit: the version the client read, to refuse an edit made over someone else's.</summary>
    public int? ExpectedVersion { get; init; }

    /// <summary>On edit: why the entry changed, kept in its history.</summary>
    public string? Note { get; init; }

    public CatalogEntryContent ToContent(string callerDepartment)
    {
        var provider = ProviderDepartment ?? callerDepartment;
        if (provider != callerDepartment)
        {
            throw new NotEntitledException($"A department compiles only its own catalog; you act for {callerDepartment}.");
        }

        return new CatalogEntryContent
        {
            Classification = Classification ?? "",
            ProviderDepartment = provider,
            Name = Name ?? "",
            Description = Description ?? "",
            DataItems = DataItems ?? [],
            Format = Format ?? "",
            ShareType = ShareType ?? throw new ValidationFailedException("shareType", "shareType is Unconditional, Conditional or NotShared (Art 22).", "Art 22"),
            ShareConditions = ShareConditions,
            ShareReason = ShareReason,
            LegalBasis = LegalBasis,
            ShareMethod = ShareMethod ?? throw new ValidationFailedException("shareMethod", "shareMethod is Api, File or Database (Art 13).", "Art 13"),
            RequiredMaterials = RequiredMaterials ?? [],
            UsageRequirements = UsageRequirements ?? "",
            UpdateFrequency = UpdateFrequency ?? "",
            UpdateTimeLimitWorkingDays = UpdateTimeLimitWorkingDays,
            OpenType = OpenType ?? throw new ValidationFailedException("openType", "openType is UnconditionalOpen, ConditionalOpen or NonOpen (Art 36).", "Art 36"),
            SecurityGrade = SecurityGrade ?? "",
            SourceSystem = SourceSystem,
            LastDataUpdate = LastDataUpdate,
            Personalized = Personalized ?? false,
            KeyItem = string.IsNullOrEmpty(KeyItem) ? null : KeyItem,
            Desensitization = DesensitizationRuleBody.ToRules(Desensitization),
            ShareScope = ShareScope ?? Catalog.ShareScope.Federation,
        };
    }
}

public sealed record ReasonBody(string? Reason);

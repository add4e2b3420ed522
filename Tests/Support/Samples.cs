using DataSharing.Catalog;
using DataSharing.Sharing;

namespace DataSharing.Tests.Support;

/// <summary>Valid inputs that each test bends in one place.</summary>
public static class Samples
{
    public static CatalogEntryContent ConditionalEntry(string provider = "340000-GA") => new()
    {
        Classification = "population/household-registration",
        ProviderDepartment = provider,
        Name = "Household registration",
        Description = "Test entry",
        DataItems = [new("name", "string", "DE00001"), new("idNumber", "string", "DE00002"), new("address", "string")],
        Format = "JSON",
        ShareType = ShareType.Conditional,
        ShareConditions = "For matters of the person concerned.",
        ShareReason = "Personal information.",
        LegalBasis = "Personal Information Protection Law, Art 13",
        ShareMethod = ShareMethod.Api,
        RequiredMaterials = ["Official letter of request", "Data security commitment"],
        UsageRequirements = "Approved scenario only.",
        UpdateFrequency = "daily",
        OpenType = OpenType.NonOpen,
        SecurityGrade = "L3",
    };

    public static ShareRequestSubmission Submission(string requester = "340000-RS", string entryCode = "340000-GA-0001") => new()
    {
        RequesterDepartment = requester,
        EntryCode = entryCode,
        DataItems = ["name", "idNumber"],
        Scenario = "Verify identity for unemployment benefit claims",
        PeriodFrom = new DateOnly(2026, 9, 24),
        PeriodTo = new DateOnly(2027, 9, 23),
        Materials = [new("Official letter of request", "RS-2026-118"), new("Data security commitment", "RS-SEC-7")],
    };
}

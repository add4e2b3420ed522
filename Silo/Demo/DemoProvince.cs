using DataSharing.Catalog;
using DataSharing.Common;
using DataSharing.Departments;
using DataSharing.OpenData;

namespace DataSharing.Silo.Demo;

/// <summary>A small Anhui province to click through: departments and published entries of all three share types.</summary>
public static class DemoProvince
{
    public static readonly IReadOnlyList<DepartmentProfile> Departments =
    [
        new("340000-GA", "Anhui Provincial Department of Public Security (安徽省公安厅)", DepartmentLevel.Province, "340000"),
        new("340000-SC", "Anhui Provincial Administration for Market Regulation (安徽省市场监督管理局)", DepartmentLevel.Province, "340000"),
        new("340000-RS", "Anhui Provincial Department of Human Resources and Social Security (安徽省人力资源和社会保障厅)", DepartmentLevel.Province, "340000"),
        new("340000-ZR", "Anhui Provincial Department of Natural Resources (安徽省自然资源厅)", DepartmentLevel.Province, "340000"),
        new("340000-SJ", "Anhui Provincial Data Resources Administration (安徽省数据资源管理局)", DepartmentLevel.Province, "340000"),
        new("340100-SJ", "Hefei Data Resources Administration (合肥市数据资源局)", DepartmentLevel.City, "340100"),
        new("340100-GA", "Hefei Public Security Bureau (合肥市公安局)", DepartmentLevel.City, "340100"),
    ];

    private const string PersonalInfoLaw = "Personal Information Protection Law of the PRC, Art 13 and 34";

    public static readonly IReadOnlyList<CatalogEntryContent> Entries =
    [
        new()
        {
            Classification = "population/household-registration",
            ProviderDepartment = "340000-GA",
            Name = "Resident household registration (户籍信息)",
            Description = "Household registration of residents of Anhui: identity, address and household relations.",
            DataItems = [new("name", "string", "DE00001"), new("idNumber", "string", "DE00002"), new("householdAddress", "string"), new("birthDate", "date", "DE00007")],
            Format = "JSON",
            ShareType = ShareType.Conditional,
            ShareConditions = "Only to departments handling a matter of the person concerned; no bulk export.",
            ShareReason = "Contains personal information that may only be provided for a stated public duty.",
            LegalBasis = PersonalInfoLaw + "; Regulations on Household Registration of the PRC",
            ShareMethod = ShareMethod.Api,
            RequiredMaterials = ["Official letter of request", "Data security commitment"],
            UsageRequirements = "Use only for the approved scenario; keep query logs for three years.",
            UpdateFrequency = "daily",
            UpdateTimeLimitWorkingDays = 1,
            OpenType = OpenType.NonOpen,
            SecurityGrade = "L3",
            SourceSystem = "Population information system",
            KeyItem = "idNumber",
        },
        new()
        {
            Classification = "population/identity-card",
            ProviderDepartment = "340000-GA",
            Name = "Resident identity card validity (居民身份证有效性)",
            Description = "Whether an identity card number is valid, and its validity period.",
            DataItems = [new("idNumber", "string", "DE00002"), new("validFrom", "date"), new("validTo", "date"), new("cardStatus", "string")],
            Format = "JSON",
            ShareType = ShareType.Unconditional,
            ShareMethod = ShareMethod.Api,
            UsageRequirements = "Verification only; do not store the result beyond the matter handled.",
            UpdateFrequency = "real-time",
            OpenType = OpenType.NonOpen,
            SecurityGrade = "L2",
            SourceSystem = "Identity card system",
        },
        new()
        {
            Classification = "legal-entity/business-registration",
            ProviderDepartment = "340000-SC",
            Name = "Business registration of market entities (市场主体登记信息)",
            Description = "Registered market entities: credit code, name, legal representative, capital and status.",
            DataItems = [new("unifiedSocialCreditCode", "string", "DE01001"), new("entityName", "string", "DE01002"), new("legalRepresentative", "string"), new("registeredCapital", "decimal"), new("entityStatus", "string")],
            Format = "JSON",
            ShareType = ShareType.Unconditional,
            ShareMethod = ShareMethod.Api,
            UsageRequirements = "Cite the registration authority when the data is shown to the public.",
            UpdateFrequency = "daily",
            UpdateTimeLimitWorkingDays = 1,
            OpenType = OpenType.UnconditionalOpen,
            SecurityGrade = "L1",
            SourceSystem = "Market entity registration system",
            // Open data (Art 36): the legal representative is a natural person, so only the surname is shown; the
            // credit code and entity name are public registration data and kept (their elements' default).
            Desensitization = [new("legalRepresentative", DesensitizationMethod.Mask, Prefix: 1)],
        },
        new()
        {
            Classification = "legal-entity/administrative-penalty",
            ProviderDepartment = "340000-SC",
            Name = "Administrative penalties on market entities (行政处罚信息)",
            Description = "Penalty decisions against market entities, including those not yet public.",
            DataItems = [new("unifiedSocialCreditCode", "string", "DE01001"), new("decisionNumber", "string"), new("violation", "string"), new("penalty", "string"), new("decisionDate", "date")],
            Format = "CSV",
            ShareType = ShareType.Conditional,
            ShareConditions = "To supervisory and credit departments for joint supervision.",
            ShareReason = "Decisions under appeal are not final and may harm the entity's legitimate rights if misused.",
            LegalBasis = "Administrative Penalty Law of the PRC, Art 48",
            ShareMethod = ShareMethod.File,
            RequiredMaterials = ["Official letter of request"],
            UsageRequirements = "Joint supervision only.",
            UpdateFrequency = "weekly",
            UpdateTimeLimitWorkingDays = 5,
            OpenType = OpenType.ConditionalOpen,
            SecurityGrade = "L2",
            SourceSystem = "Case handling system",
        },
        new()
        {
            Classification = "population/social-insurance",
            ProviderDepartment = "340000-RS",
            Name = "Social insurance contributions (社会保险缴费信息)",
            Description = "Monthly pension, medical and unemployment insurance contributions of insured persons.",
            DataItems = [new("idNumber", "string", "DE00002"), new("insuranceType", "string"), new("contributionMonth", "string"), new("contributionBase", "decimal"), new("employer", "string")],
            Format = "JSON",
            ShareType = ShareType.Conditional,
            ShareConditions = "To departments verifying eligibility for a benefit or a qualification.",
            ShareReason = "Income-related personal information.",
            LegalBasis = "Social Insurance Law of the PRC, Art 81; " + PersonalInfoLaw,
            ShareMethod = ShareMethod.Api,
            RequiredMaterials = ["Official letter of request", "Data security commitment", "Scenario description approved by the department head"],
            UsageRequirements = "Eligibility checks only; no profiling.",
            UpdateFrequency = "monthly",
            UpdateTimeLimitWorkingDays = 5,
            OpenType = OpenType.NonOpen,
            SecurityGrade = "L3",
            SourceSystem = "Social insurance information system",
        },
        new()
        {
            Classification = "population/personnel-files",
            ProviderDepartment = "340000-RS",
            Name = "Personnel files of public employees (干部人事档案)",
            Description = "Personnel files of civil servants and staff of public institutions.",
            DataItems = [new("idNumber", "string", "DE00002"), new("appraisals", "text"), new("disciplinaryRecords", "text")],
            Format = "Paper and scanned PDF",
            ShareType = ShareType.NotShared,
            ShareReason = "Personnel files are managed and consulted only under the personnel file rules.",
            LegalBasis = "Regulations on Cadre Personnel File Work (干部人事档案工作条例), Art 30",
            ShareMethod = ShareMethod.File,
            UsageRequirements = "Not shared through the platform.",
            UpdateFrequency = "as changed",
            OpenType = OpenType.NonOpen,
            SecurityGrade = "L4",
            SourceSystem = "Personnel file management system",
        },
        new()
        {
            Classification = "spatial/real-estate-registration",
            ProviderDepartment = "340000-ZR",
            Name = "Real estate registration (不动产登记信息)",
            Description = "Ownership, mortgages and seizures of registered real estate.",
            DataItems = [new("certificateNumber", "string"), new("ownerName", "string", "DE00001"), new("ownerIdNumber", "string", "DE00002"), new("location", "string"), new("encumbrances", "text")],
            Format = "JSON",
            ShareType = ShareType.Conditional,
            ShareConditions = "To courts, tax, housing and civil affairs departments within their duties.",
            ShareReason = "Property information of natural persons and legal persons.",
            LegalBasis = "Interim Regulations on Real Estate Registration, Art 27-28",
            ShareMethod = ShareMethod.Api,
            RequiredMaterials = ["Official letter of request"],
            UsageRequirements = "Per matter; keep query logs.",
            UpdateFrequency = "daily",
            UpdateTimeLimitWorkingDays = 1,
            OpenType = OpenType.NonOpen,
            SecurityGrade = "L3",
            SourceSystem = "Real estate registration system",
        },
        new()
        {
            Classification = "spatial/land-use-planning",
            ProviderDepartment = "340000-ZR",
            Name = "Land use planning zones (国土空间规划分区)",
            Description = "Approved land use planning zones with their boundaries.",
            DataItems = [new("zoneCode", "string"), new("zoneType", "string"), new("boundary", "geojson"), new("approvalDate", "date")],
            Format = "GeoJSON",
            ShareType = ShareType.Unconditional,
            ShareMethod = ShareMethod.File,
            UsageRequirements = "Cite the approving authority.",
            UpdateFrequency = "quarterly",
            UpdateTimeLimitWorkingDays = 10,
            OpenType = OpenType.UnconditionalOpen,
            SecurityGrade = "L1",
            SourceSystem = "Territorial spatial planning system",
        },
    ];

    /// <summary>
    /// Registers the departments, then has each provider's operator draft and publish its entries. Idempotent, so
    /// a seed interrupted by a crash is completed by running it again: entry codes are fixed by their order within
    /// the department (reserved in its sequence), and an entry already drafted or published is left as it is.
    /// </summary>
    /// <summary>
    /// A federated city's own entry (Art 23: a city platform shares with the province): seeded only on a platform
    /// whose code is 340100, where the province's entries are not seeded.
    /// </summary>
    public static readonly IReadOnlyList<CatalogEntryContent> HefeiEntries =
    [
        new()
        {
            Classification = "population/residence-permits",
            ProviderDepartment = "340100-GA",
            Name = "Hefei residence permits (合肥市居住证)",
            Description = "Residence permits issued in Hefei: holder, address and validity.",
            DataItems = [new("idNumber", "string", "DE00002"), new("residenceAddress", "string"), new("validTo", "date")],
            Format = "JSON",
            ShareType = ShareType.Conditional,
            ShareConditions = "Only to departments handling a matter of the holder.",
            ShareReason = "Contains personal information that may only be provided for a stated public duty.",
            LegalBasis = PersonalInfoLaw + "; Interim Regulations on Residence Permits",
            ShareMethod = ShareMethod.Api,
            UsageRequirements = "Use only for the approved scenario.",
            UpdateFrequency = "daily",
            OpenType = OpenType.NonOpen,
            SecurityGrade = "L3",
            SourceSystem = "Hefei residence permit system",
        },
    ];

    /// <param name="platform">
    /// The platform's code when it is federated: only its own departments and entries are seeded (a city platform
    /// holds nothing of the province's; it reaches the province's entries over the link). Null: the whole demo.
    /// </param>
    public static async Task Seed(IGrainFactory grains, string? platform = null)
    {
        bool Own(string code) => platform is null || Federation.FederationRouting.PlatformOf(code) == platform;
        foreach (var department in Departments.Where(d => Own(d.Code)))
        {
            await grains.GetGrain<IDepartmentGrain>(department.Code).Register(department);
        }

        var entries = platform is null ? Entries : Entries.Concat(HefeiEntries).Where(e => Own(e.ProviderDepartment));
        foreach (var group in entries.GroupBy(e => e.ProviderDepartment))
        {
            var provider = grains.GetGrain<IDepartmentGrain>(group.Key);
            var operatorOfProvider = new Actor("demo-seeder", Role.DepartmentOperator, group.Key);
            var sequence = 0;
            foreach (var content in group)
            {
                var entry = grains.GetGrain<ICatalogEntryGrain>(CatalogCodes.Format(group.Key, ++sequence));
                await provider.ReserveCatalogSequence(sequence);
                if (await entry.Get() is { } existing && existing.Status != CatalogEntryStatus.Draft)
                {
                    continue;
                }

                await entry.Draft(content, operatorOfProvider);
                await entry.Publish(operatorOfProvider);
            }
        }
    }
}

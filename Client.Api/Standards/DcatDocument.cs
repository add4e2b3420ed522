using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using DataSharing.Catalog;
using DataSharing.Common;

namespace DataSharing.Api.Standards;

/// <summary>
/// One page of the open catalog as DCAT (v2/v3 terms) in JSON-LD, for harvesters such as CKAN's ckanext-dcat: a
/// dcat:Catalog listing its dcat:Dataset nodes, and the page itself as a Hydra collection whose hydra:nextPage a
/// harvester follows until there is none. Written with System.Text.Json: the shape is fixed and small, so a JSON-LD
/// library would add a dependency and nothing a harvester reads.
/// </summary>
public sealed class DcatDocument(string baseUri)
{
    public const string MediaType = "application/ld+json";

    /// <summary>Titles, descriptions and names are Chinese as compiled: tagged "zh" and written as UTF-8, not \u escapes.</summary>
    private const string Language = "zh";

    private const string EuFrequency = "http://publications.europa.eu/resource/authority/frequency/";
    private const string EuAccessRight = "http://publications.europa.eu/resource/authority/access-right/";
    private const string IanaMediaTypes = "https://www.iana.org/assignments/media-types/";

    /// <summary>Every character but the HTML-sensitive ones as itself, so Chinese stays readable UTF-8.</summary>
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All), Indented = false };

    /// <summary>Update frequencies as departments write them (English or Chinese) → the EU frequency vocabulary DCAT-AP uses.</summary>
    private static readonly Dictionary<string, string> Frequencies = new(StringComparer.OrdinalIgnoreCase)
    {
        ["realtime"] = "UPDATE_CONT", ["real-time"] = "UPDATE_CONT", ["continuous"] = "UPDATE_CONT", ["实时"] = "UPDATE_CONT",
        ["hourly"] = "HOURLY", ["每小时"] = "HOURLY",
        ["daily"] = "DAILY", ["每日"] = "DAILY", ["每天"] = "DAILY",
        ["weekly"] = "WEEKLY", ["每周"] = "WEEKLY",
        ["monthly"] = "MONTHLY", ["每月"] = "MONTHLY",
        ["quarterly"] = "QUARTERLY", ["每季度"] = "QUARTERLY",
        ["semiannual"] = "ANNUAL_2", ["半年"] = "ANNUAL_2",
        ["yearly"] = "ANNUAL", ["annual"] = "ANNUAL", ["annually"] = "ANNUAL", ["每年"] = "ANNUAL",
        ["irregular"] = "IRREG", ["不定期"] = "IRREG",
    };

    /// <summary>Catalog formats → IANA media types; a format not listed keeps its name in dct:format only.</summary>
    private static readonly Dictionary<string, string> MediaTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["JSON"] = "application/json",
        ["CSV"] = "text/csv",
        ["XML"] = "application/xml",
        ["XLSX"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ["XLS"] = "application/vnd.ms-excel",
        ["PDF"] = "application/pdf",
        ["ZIP"] = "application/zip",
    };

    public string CatalogUri => $"{baseUri}/api/open/catalog.jsonld";

    /// <summary>Where the platform will serve an open dataset's data (the open-data download of Art 34-37).</summary>
    public string DataUri(string code) => $"{baseUri}/api/open/datasets/{Uri.EscapeDataString(code)}/data";

    public string PageUri(int limit, string? after) =>
        $"{CatalogUri}?limit={limit.ToString(CultureInfo.InvariantCulture)}" + (after is null ? "" : $"&after={Uri.EscapeDataString(after)}");

    /// <param name="publishers">The names of the departments of <paramref name="page"/>'s entries, by code.</param>
    public byte[] Write(Page<CatalogEntryView> page, PageRequest request, IReadOnlyDictionary<string, string> publishers)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            WriteContext(json);
            json.WriteStartArray("@graph");
            WritePage(json, page, request);
            WriteCatalog(json, page);
            foreach (var entry in page.Items)
            {
                WriteDataset(json, entry, publishers.GetValueOrDefault(entry.Content.ProviderDepartment) ?? entry.Content.ProviderDepartment);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteContext(Utf8JsonWriter json)
    {
        json.WriteStartObject("@context");
        json.WriteString("dcat", "http://www.w3.org/ns/dcat#");
        json.WriteString("dct", "http://purl.org/dc/terms/");
        json.WriteString("foaf", "http://xmlns.com/foaf/0.1/");
        json.WriteString("hydra", "http://www.w3.org/ns/hydra/core#");
        json.WriteString("skos", "http://www.w3.org/2004/02/skos/core#");
        json.WriteString("xsd", "http://www.w3.org/2001/XMLSchema#");
        json.WriteEndObject();
    }

    /// <summary>
    /// The page as ckanext-dcat pages: a hydra:PagedCollection with hydra:nextPage (and the newer Hydra terms,
    /// PartialCollectionView with hydra:next, for harvesters that read those). No hydra:totalItems: counting the open
    /// entries is a pass over all of them on every page, and a harvester needs only the next page.
    /// </summary>
    private void WritePage(Utf8JsonWriter json, Page<CatalogEntryView> page, PageRequest request)
    {
        json.WriteStartObject();
        json.WriteString("@id", PageUri(request.Limit, request.After));
        json.WriteStartArray("@type");
        json.WriteStringValue("hydra:PagedCollection");
        json.WriteStringValue("hydra:PartialCollectionView");
        json.WriteEndArray();
        json.WriteNumber("hydra:itemsPerPage", request.Limit);
        Reference(json, "hydra:firstPage", PageUri(request.Limit, null));
        Reference(json, "hydra:first", PageUri(request.Limit, null));
        if (page.Next is { } next)
        {
            Reference(json, "hydra:nextPage", PageUri(request.Limit, next));
            Reference(json, "hydra:next", PageUri(request.Limit, next));
        }

        json.WriteEndObject();
    }

    private void WriteCatalog(Utf8JsonWriter json, Page<CatalogEntryView> page)
    {
        json.WriteStartObject();
        json.WriteString("@id", CatalogUri);
        json.WriteString("@type", "dcat:Catalog");
        json.WriteStartArray("dct:title");
        Tagged(json, "政务数据开放目录", Language);
        Tagged(json, "Government open data catalog", "en");
        json.WriteEndArray();
        json.WriteStartObject("dct:description");
        json.WriteString("@value", "Published catalog entries open to the public (Art 36: unconditionally or conditionally open), a page at a time.");
        json.WriteString("@language", "en");
        json.WriteEndObject();
        json.WriteStartArray("dcat:dataset");
        foreach (var entry in page.Items)
        {
            json.WriteStartObject();
            json.WriteString("@id", DatasetUri(entry.Code));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private void WriteDataset(Utf8JsonWriter json, CatalogEntryView entry, string publisherName)
    {
        var content = entry.Content;
        json.WriteStartObject();
        json.WriteString("@id", DatasetUri(entry.Code));
        json.WriteString("@type", "dcat:Dataset");
        json.WriteString("dct:identifier", entry.Code);
        json.WritePropertyName("dct:title");
        Tagged(json, content.Name, Language);
        if (!string.IsNullOrWhiteSpace(content.Description))
        {
            json.WritePropertyName("dct:description");
            Tagged(json, content.Description, Language);
        }

        json.WriteStartObject("dct:publisher");
        json.WriteString("@id", $"{baseUri}/api/departments/{Uri.EscapeDataString(content.ProviderDepartment)}");
        json.WriteString("@type", "foaf:Agent");
        json.WriteString("dct:identifier", content.ProviderDepartment);
        json.WritePropertyName("foaf:name");
        Tagged(json, publisherName, Language);
        json.WriteEndObject();

        // The classification ("population/household-registration") is the theme; its parts are the keywords.
        json.WriteStartObject("dcat:theme");
        json.WriteString("@id", $"{CatalogUri}#theme/{string.Join('/', content.Classification.Split('/').Select(part => Uri.EscapeDataString(part)))}");
        json.WriteString("@type", "skos:Concept");
        json.WritePropertyName("skos:prefLabel");
        Tagged(json, content.Classification, Language);
        json.WriteEndObject();
        json.WriteStartArray("dcat:keyword");
        foreach (var keyword in content.Classification.Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct())
        {
            Tagged(json, keyword, Language);
        }

        json.WriteEndArray();

        if (Frequencies.TryGetValue(content.UpdateFrequency.Trim(), out var frequency))
        {
            Reference(json, "dct:accrualPeriodicity", EuFrequency + frequency);
        }
        else
        {
            json.WriteStartObject("dct:accrualPeriodicity");
            json.WriteString("@type", "dct:Frequency");
            json.WritePropertyName("skos:prefLabel");
            Tagged(json, content.UpdateFrequency, Language);
            json.WriteEndObject();
        }

        if (entry.PublishedAt is { } published)
        {
            Instant(json, "dct:issued", published);
        }

        Instant(json, "dct:modified", entry.UpdatedAt);
        Reference(json, "dct:language", "http://publications.europa.eu/resource/authority/language/ZHO");

        // Art 36: unconditionally open data is for anyone; conditionally open data is given on application.
        var unconditional = content.OpenType == OpenType.UnconditionalOpen;
        Reference(json, "dct:accessRights", EuAccessRight + (unconditional ? "PUBLIC" : "RESTRICTED"));

        json.WriteStartArray("dcat:distribution");
        json.WriteStartObject();
        json.WriteString("@id", $"{DatasetUri(entry.Code)}#distribution");
        json.WriteString("@type", "dcat:Distribution");
        json.WritePropertyName("dct:title");
        Tagged(json, $"{content.Name} ({content.Format})", Language);
        Reference(json, "dcat:accessURL", DataUri(entry.Code));
        if (unconditional)
        {
            // Conditionally open data is reached through an application, so it has an access point but no direct download.
            Reference(json, "dcat:downloadURL", DataUri(entry.Code));
        }

        json.WriteString("dct:format", content.Format);
        if (MediaTypes.TryGetValue(content.Format.Trim(), out var mediaType))
        {
            Reference(json, "dcat:mediaType", IanaMediaTypes + mediaType);
        }

        Reference(json, "dct:accessRights", EuAccessRight + (unconditional ? "PUBLIC" : "RESTRICTED"));
        json.WriteEndObject();
        json.WriteEndArray();

        json.WriteEndObject();
    }

    private string DatasetUri(string code) => $"{baseUri}/api/open/datasets/{Uri.EscapeDataString(code)}";

    private static void Tagged(Utf8JsonWriter json, string value, string language)
    {
        json.WriteStartObject();
        json.WriteString("@value", value);
        json.WriteString("@language", language);
        json.WriteEndObject();
    }

    private static void Reference(Utf8JsonWriter json, string property, string uri)
    {
        json.WriteStartObject(property);
        json.WriteString("@id", uri);
        json.WriteEndObject();
    }

    private static void Instant(Utf8JsonWriter json, string property, DateTimeOffset at)
    {
        json.WriteStartObject(property);
        json.WriteString("@value", at.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture));
        json.WriteString("@type", "xsd:dateTime");
        json.WriteEndObject();
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataSharing.Common;
using DataSharing.Tests.Support;

namespace DataSharing.Tests.Api;

/// <summary>
/// The open catalog as DCAT in JSON-LD (Art 34-37), read as a harvester (ckanext-dcat) reads it: anonymously, a page at
/// a time along hydra:nextPage, each dcat:Dataset by its dct:identifier.
/// </summary>
public sealed class OpenCatalogApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly string _word = $"w{Guid.NewGuid():N}"[..12];

    [Fact]
    public async Task Art36_the_open_catalog_lists_exactly_the_published_open_entries_once_each_along_hydra_next_pages_anonymously()
    {
        var rs = await api.ClientFor(Role.DepartmentOperator, "340000-RS");
        var open = await Entry(rs, "UnconditionalOpen", publish: true, name: $"参保人员名册 {_word}");
        var conditional = await Entry(rs, "ConditionalOpen", publish: true);
        var closed = await Entry(rs, "NonOpen", publish: true);
        var draft = await Entry(rs, "UnconditionalOpen", publish: false);

        var anonymous = api.CreateClient();
        var datasets = new List<JsonElement>();
        var pages = 0;
        for (var url = "/api/open/catalog.jsonld?limit=2"; url is not null; pages++)
        {
            var response = await anonymous.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/ld+json", response.Content.Headers.ContentType!.MediaType);
            var text = await response.Content.ReadAsStringAsync();
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement.Clone();
            Assert.Equal("http://www.w3.org/ns/dcat#", root.GetProperty("@context").GetProperty("dcat").GetString());
            var graph = root.GetProperty("@graph").EnumerateArray().ToList();
            var page = Assert.Single(graph, n => Types(n).Contains("hydra:PagedCollection"));
            Assert.Equal(2, page.GetProperty("hydra:itemsPerPage").GetInt32());
            var catalog = Assert.Single(graph, n => Types(n).Contains("dcat:Catalog"));
            var pageDatasets = graph.Where(n => Types(n).Contains("dcat:Dataset")).ToList();
            Assert.True(pageDatasets.Count <= 2);
            Assert.Equal(pageDatasets.Select(d => d.GetProperty("@id").GetString()),
                catalog.GetProperty("dcat:dataset").EnumerateArray().Select(d => d.GetProperty("@id").GetString()));
            datasets.AddRange(pageDatasets);
            url = page.TryGetProperty("hydra:nextPage", out var next) ? new Uri(next.GetProperty("@id").GetString()!).PathAndQuery : null;
        }

        var codes = datasets.Select(d => d.GetProperty("dct:identifier").GetString()!).ToList();
        Assert.Equal(codes.Distinct(), codes);
        Assert.True(pages > 1);

        // Exactly the published entries open to the public, as oversight lists them.
        var authority = await api.ClientFor(Role.DataAuthority);
        var expected = (await Pages.All(authority, "/api/catalog?status=Published&openData=true"))
            .Select(e => e.GetProperty("code").GetString()!).ToList();
        Assert.Equal(expected, codes);
        Assert.Contains(open, codes);
        Assert.Contains(conditional, codes);
        Assert.DoesNotContain(closed, codes);
        Assert.DoesNotContain(draft, codes);

        var dataset = datasets.Single(d => d.GetProperty("dct:identifier").GetString() == open);
        Assert.Equal($"参保人员名册 {_word}", dataset.GetProperty("dct:title").GetProperty("@value").GetString());
        Assert.Equal("zh", dataset.GetProperty("dct:title").GetProperty("@language").GetString());
        Assert.Equal("Insured persons, for the open catalog test.", dataset.GetProperty("dct:description").GetProperty("@value").GetString());
        var publisher = dataset.GetProperty("dct:publisher");
        Assert.Equal("foaf:Agent", publisher.GetProperty("@type").GetString());
        Assert.Contains("安徽省人力资源和社会保障厅", publisher.GetProperty("foaf:name").GetProperty("@value").GetString());
        Assert.Equal("population/insured-persons", dataset.GetProperty("dcat:theme").GetProperty("skos:prefLabel").GetProperty("@value").GetString());
        Assert.Equal(["population", "insured-persons"], dataset.GetProperty("dcat:keyword").EnumerateArray().Select(k => k.GetProperty("@value").GetString()));
        Assert.Equal("http://publications.europa.eu/resource/authority/frequency/MONTHLY",
            dataset.GetProperty("dct:accrualPeriodicity").GetProperty("@id").GetString());
        Assert.True(DateTimeOffset.TryParse(dataset.GetProperty("dct:modified").GetProperty("@value").GetString(), out _));
        Assert.EndsWith("/access-right/PUBLIC", dataset.GetProperty("dct:accessRights").GetProperty("@id").GetString());
        var distribution = Assert.Single(dataset.GetProperty("dcat:distribution").EnumerateArray());
        Assert.EndsWith($"/api/open/datasets/{open}/data", distribution.GetProperty("dcat:accessURL").GetProperty("@id").GetString());
        Assert.EndsWith($"/api/open/datasets/{open}/data", distribution.GetProperty("dcat:downloadURL").GetProperty("@id").GetString());
        Assert.EndsWith("/application/json", distribution.GetProperty("dcat:mediaType").GetProperty("@id").GetString());

        // Conditionally open data is restricted and reached on application: an access point, no direct download.
        var restricted = datasets.Single(d => d.GetProperty("dct:identifier").GetString() == conditional);
        Assert.EndsWith("/access-right/RESTRICTED", restricted.GetProperty("dct:accessRights").GetProperty("@id").GetString());
        Assert.False(restricted.GetProperty("dcat:distribution")[0].TryGetProperty("dcat:downloadURL", out _));
    }

    [Fact]
    public async Task Art36_the_document_keeps_Chinese_as_UTF_8_and_an_entry_made_NonOpen_leaves_it()
    {
        var rs = await api.ClientFor(Role.DepartmentOperator, "340000-RS");
        var code = await Entry(rs, "UnconditionalOpen", publish: true, name: $"就业登记 {_word}");
        var anonymous = api.CreateClient();
        var text = await anonymous.GetStringAsync("/api/open/catalog.jsonld?limit=1000");
        Assert.Contains($"就业登记 {_word}", text);

        var entry = await rs.GetFromJsonAsync<JsonElement>($"/api/catalog/{code}");
        var body = Merge(Body("NonOpen", name: $"就业登记 {_word}"), entry.GetProperty("version").GetInt32());
        var edited = await rs.PutAsJsonAsync($"/api/catalog/{code}", body);
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.DoesNotContain(code, await anonymous.GetStringAsync("/api/open/catalog.jsonld?limit=1000"));
    }

    [Fact]
    public async Task The_open_catalog_pages_as_every_list_does()
    {
        var anonymous = api.CreateClient();
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.GetAsync("/api/open/catalog.jsonld?limit=0")).StatusCode);
        var foreign = await anonymous.GetAsync($"/api/open/catalog.jsonld?after={Uri.EscapeDataString(Cursor.For("departments", "x"))}");
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        Assert.Equal("after", (await foreign.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
    }

    private static IEnumerable<string?> Types(JsonElement node) =>
        !node.TryGetProperty("@type", out var type) ? []
        : type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString())
        : [type.GetString()];

    private static Dictionary<string, object?> Body(string openType, string? name = null) => new()
    {
        ["classification"] = "population/insured-persons",
        ["name"] = name ?? "Insured persons",
        ["description"] = "Insured persons, for the open catalog test.",
        ["dataItems"] = new[] { new { name = "personName", dataType = "string" } },
        ["format"] = "JSON",
        ["shareType"] = "Unconditional",
        ["shareMethod"] = "Api",
        ["usageRequirements"] = "Statistics only.",
        ["updateFrequency"] = "monthly",
        ["openType"] = openType,
        ["securityGrade"] = "L1",
    };

    private static Dictionary<string, object?> Merge(Dictionary<string, object?> body, int expectedVersion) =>
        new(body) { ["expectedVersion"] = expectedVersion };

    private async Task<string> Entry(HttpClient client, string openType, bool publish, string? name = null)
    {
        var created = await client.PostAsJsonAsync("/api/catalog", Body(openType, name ?? $"{openType} {_word}"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var code = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
        if (publish)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/catalog/{code}/publish", null)).StatusCode);
        }

        return code;
    }
}

using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
using DataSharing.Common;
using DataSharing.Tests.Support;
using MiniExcelLibs;

namespace DataSharing.Tests.Api;

/// <summary>
/// The catalog as a spreadsheet (Art 13: a department compiles its catalog; many keep it in a spreadsheet): what the
/// export writes, the import reads back, row by row, through the entries' own validation and versions.
/// </summary>
public sealed class CatalogSpreadsheetApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>In this test's names only: exporting with q={word} keeps other tests' entries out.</summary>
    private readonly string _word = $"w{Guid.NewGuid():N}"[..12];

    [Fact]
    public async Task Art13_a_CSV_export_imports_back_and_a_changed_description_makes_a_new_version()
    {
        var rs = await api.ClientFor(Role.DepartmentOperator, "340000-RS");
        var changed = await Entry(rs, $"Insured persons {_word}");
        var kept = await Entry(rs, $"Pension payments {_word}");

        var export = await rs.GetAsync($"/api/catalog/export?format=csv&q={_word}");
        Assert.Equal("text/csv", export.Content.Headers.ContentType!.MediaType);
        var rows = ReadCsv(await export.Content.ReadAsStringAsync());
        Assert.Equal(["code", "providerDepartment", "status", "version"], rows[0][..4]);
        Assert.Equal([changed, kept], rows.Skip(1).Select(r => r[0]).Order(StringComparer.Ordinal));
        var description = Array.IndexOf(rows[0], "description");
        rows.Single(r => r[0] == changed)[description] = "Insured persons of Anhui, with their contribution periods.";

        var report = await Import(rs, Csv(rows), "text/csv");
        Assert.Equal((0, 1, 1, 0), Counts(report));
        var updated = report.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("code").GetString() == changed);
        // The header is the sheet's row 1.
        Assert.Equal(("Updated", 2, rows.FindIndex(r => r[0] == changed) + 1),
            (updated.GetProperty("outcome").GetString(), updated.GetProperty("version").GetInt32(), updated.GetProperty("line").GetInt32()));

        var entry = await rs.GetFromJsonAsync<JsonElement>($"/api/catalog/{changed}");
        Assert.Equal(2, entry.GetProperty("version").GetInt32());
        Assert.Equal("Insured persons of Anhui, with their contribution periods.", entry.GetProperty("content").GetProperty("description").GetString());
        Assert.Equal(1, (await rs.GetFromJsonAsync<JsonElement>($"/api/catalog/{kept}")).GetProperty("version").GetInt32());

        // The sheet is at version 1 of the changed entry: importing it again is an edit over a newer version, refused.
        var stale = await Import(rs, Csv(rows), "text/csv");
        var refused = stale.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("code").GetString() == changed);
        Assert.Equal(("Failed", "version"), (refused.GetProperty("outcome").GetString(), refused.GetProperty("field").GetString()));
    }

    [Fact]
    public async Task Art13_an_xlsx_export_imports_back_as_a_multipart_file_and_a_changed_description_makes_a_new_version()
    {
        var rs = await api.ClientFor(Role.DepartmentOperator, "340000-RS");
        var code = await Entry(rs, $"参保人员 {_word}", dataItems: [new { name = "personName", dataType = "string" }, new { name = "idNumber", dataType = "string", standardElementCode = "DE00002" }]);

        var export = await rs.GetAsync($"/api/catalog/export?format=xlsx&q={_word}");
        Assert.Equal(Xlsx, export.Content.Headers.ContentType!.MediaType);
        var rows = ReadXlsx(await export.Content.ReadAsByteArrayAsync());
        var row = Assert.Single(rows);
        Assert.Equal(code, row["code"]);
        Assert.Equal($"参保人员 {_word}", row["name"]);
        Assert.Equal("personName:string;idNumber:string:DE00002", row["dataItems"]);
        Assert.Equal("Official letter of request;Data security commitment", row["requiredMaterials"]);
        row["description"] = "参保人员及其缴费年限。";

        var file = new MultipartFormDataContent();
        var part = new ByteArrayContent(WriteXlsx(rows));
        part.Headers.ContentType = new MediaTypeHeaderValue(Xlsx);
        file.Add(part, "file", "catalog.xlsx");
        var response = await rs.PostAsync("/api/catalog/import", file);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((0, 1, 0, 0), Counts(await response.Content.ReadFromJsonAsync<JsonElement>()));

        var entry = await rs.GetFromJsonAsync<JsonElement>($"/api/catalog/{code}");
        Assert.Equal(2, entry.GetProperty("version").GetInt32());
        Assert.Equal("参保人员及其缴费年限。", entry.GetProperty("content").GetProperty("description").GetString());
        Assert.Equal("DE00002", entry.GetProperty("content").GetProperty("dataItems")[1].GetProperty("standardElementCode").GetString());

        // An export of nothing still names its columns, so it is a template to fill in.
        using var empty = new MemoryStream(await rs.GetByteArrayAsync($"/api/catalog/export?format=xlsx&q=none-{_word}"));
        var header = Assert.Single(empty.Query(useHeaderRow: false, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>());
        Assert.Equal(["code", "providerDepartment", "status"], header.Values.Take(3));
    }

    [Fact]
    public async Task Art13_Art22_an_import_reports_each_bad_row_with_its_line_and_field_applies_the_good_ones_and_a_dry_run_writes_nothing()
    {
        var rs = await api.ClientFor(Role.DepartmentOperator, "340000-RS");
        string[] header = ["name", "classification", "dataItems", "format", "shareType", "shareReason", "legalBasis", "shareConditions", "shareMethod", "usageRequirements", "updateFrequency", "openType", "securityGrade"];
        var sheet = Csv(
        [
            header,
            [$"Good {_word}", "employment/registrations", "personName:string;employer:string", "CSV", "Unconditional", "", "", "", "File", "Statistics only.", "monthly", "NonOpen", "L1"],
            [$"No reason {_word}", "employment/registrations", "personName:string", "CSV", "Conditional", "", "", "Own matters.", "File", "Statistics only.", "monthly", "NonOpen", "L1"],
            [$"Bad type {_word}", "employment/registrations", "personName:string", "CSV", "Sometimes", "", "", "", "File", "Statistics only.", "monthly", "NonOpen", "L1"],
            [$"Bad items {_word}", "employment/registrations", "personName", "CSV", "Unconditional", "", "", "", "File", "Statistics only.", "monthly", "NonOpen", "L1"],
            [$"Twice {_word}", "employment/registrations", "a:string;A:string", "CSV", "Unconditional", "", "", "", "File", "Statistics only.", "monthly", "NonOpen", "L1"],
        ]);

        var dry = await Import(rs, sheet, "text/csv", "?dryRun=true");
        Assert.True(dry.GetProperty("dryRun").GetBoolean());
        Assert.Equal((1, 0, 0, 4), Counts(dry));
        Assert.Empty(await Pages.All(rs, $"/api/catalog?q={_word}"));

        var report = await Import(rs, sheet, "text/csv");
        Assert.Equal((1, 0, 0, 4), Counts(report));
        var rows = report.GetProperty("rows").EnumerateArray().ToList();
        (int, string?, string?)[] expected =
            [(2, "Created", null), (3, "Failed", "shareReason"), (4, "Failed", "shareType"), (5, "Failed", "dataItems[0]"), (6, "Failed", "dataItems[1].name")];
        Assert.Equal(
            expected,
            rows.Select(r => (r.GetProperty("line").GetInt32(), r.GetProperty("outcome").GetString(), r.TryGetProperty("field", out var f) ? f.GetString() : null)));
        Assert.All(rows.Skip(1), r => Assert.False(string.IsNullOrEmpty(r.GetProperty("detail").GetString())));

        var created = Assert.Single(await Pages.All(rs, $"/api/catalog?q={_word}"));
        Assert.Equal(rows[0].GetProperty("code").GetString(), created.GetProperty("code").GetString());
        Assert.Equal("Draft", created.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Art5_a_row_naming_another_department_s_entry_or_provider_is_refused_for_that_row_alone()
    {
        var rs = await api.ClientFor(Role.DepartmentOperator, "340000-RS");
        var ga = await api.ClientFor(Role.DepartmentOperator, "340000-GA");
        var before = await ga.GetFromJsonAsync<JsonElement>("/api/catalog/340000-GA-0001");
        var own = await Entry(rs, $"Own {_word}");

        var export = ReadCsv(await (await rs.GetAsync($"/api/catalog/export?q={_word}")).Content.ReadAsStringAsync());
        var foreign = export[1].ToArray();
        foreign[0] = "340000-GA-0001";
        foreign[3] = before.GetProperty("version").GetInt32().ToString(CultureInfo.InvariantCulture);
        var provider = export[1].ToArray();
        provider[0] = "";
        provider[1] = "340000-GA";
        var changed = export[1].ToArray();
        changed[Array.IndexOf(export[0], "usageRequirements")] = "Benefits and statistics.";

        var report = await Import(rs, Csv([export[0], foreign, provider, changed]), "text/csv");
        var rows = report.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(("Failed", "code"), (rows[0].GetProperty("outcome").GetString(), rows[0].GetProperty("field").GetString()));
        Assert.Equal(("Failed", "providerDepartment"), (rows[1].GetProperty("outcome").GetString(), rows[1].GetProperty("field").GetString()));
        Assert.Equal(("Updated", own), (rows[2].GetProperty("outcome").GetString(), rows[2].GetProperty("code").GetString()));

        var after = await ga.GetFromJsonAsync<JsonElement>("/api/catalog/340000-GA-0001");
        Assert.Equal(before.GetProperty("version").GetInt32(), after.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Art38_formula_like_text_is_neutralized_in_CSV_and_xlsx_exports_and_imports_back_as_it_was()
    {
        var rs = await api.ClientFor(Role.DepartmentOperator, "340000-RS");
        const string Formula = "=HYPERLINK(\"http://evil.example\",\"click\")";
        var code = await Entry(rs, $"Payments {_word}", description: Formula, materials: ["+cmd|' /C calc'!A0", "@SUM(1+1)"]);

        var csv = ReadCsv(await (await rs.GetAsync($"/api/catalog/export?format=csv&q={_word}")).Content.ReadAsStringAsync());
        var description = Array.IndexOf(csv[0], "description");
        Assert.Equal("'" + Formula, csv[1][description]);
        // One cell holds the list; it starts with a formula character, so it is neutralized as a whole.
        Assert.Equal("'+cmd|' /C calc'!A0;@SUM(1+1)", csv[1][Array.IndexOf(csv[0], "requiredMaterials")]);

        var xlsx = Assert.Single(ReadXlsx(await (await rs.GetAsync($"/api/catalog/export?format=xlsx&q={_word}")).Content.ReadAsByteArrayAsync()));
        Assert.Equal("'" + Formula, xlsx["description"]);
        Assert.Equal("'+cmd|' /C calc'!A0;@SUM(1+1)", xlsx["requiredMaterials"]);

        // The apostrophes are the export's own: both files import back as the entry is, no new version.
        Assert.Equal((0, 0, 1, 0), Counts(await Import(rs, Csv(csv), "text/csv")));
        var content = new ByteArrayContent(WriteXlsx([xlsx]));
        content.Headers.ContentType = new MediaTypeHeaderValue(Xlsx);
        var response = await rs.PostAsync("/api/catalog/import", content);
        Assert.Equal((0, 0, 1, 0), Counts(await response.Content.ReadFromJsonAsync<JsonElement>()));
        var entry = await rs.GetFromJsonAsync<JsonElement>($"/api/catalog/{code}");
        Assert.Equal((1, Formula), (entry.GetProperty("version").GetInt32(), entry.GetProperty("content").GetProperty("description").GetString()));
    }

    [Fact]
    public async Task Art13_an_import_retried_with_its_Idempotency_Key_drafts_no_entry_twice()
    {
        var rs = await api.ClientFor(Role.DepartmentOperator, "340000-RS");
        var sheet = Csv(
        [
            ["name", "classification", "dataItems", "format", "shareType", "shareMethod", "usageRequirements", "updateFrequency", "openType", "securityGrade"],
            [$"Once {_word}", "employment/registrations", "personName:string", "CSV", "Unconditional", "File", "Statistics only.", "monthly", "NonOpen", "L1"],
        ]);
        var key = $"import-{_word}";
        var first = await Import(rs, sheet, "text/csv", key: key);
        var second = await Import(rs, sheet, "text/csv", key: key);
        Assert.Equal((1, 0, 0, 0), Counts(first));
        Assert.Equal((0, 0, 1, 0), Counts(second));
        Assert.Equal(first.GetProperty("rows")[0].GetProperty("code").GetString(), second.GetProperty("rows")[0].GetProperty("code").GetString());
        Assert.Single(await Pages.All(rs, $"/api/catalog?q={_word}"));
    }

    [Fact]
    public async Task An_import_is_bounded_and_each_refusal_names_its_field()
    {
        var rs = await api.ClientFor(Role.DepartmentOperator, "340000-RS");
        var many = new StringBuilder("name\n");
        for (var i = 0; i <= 1000; i++)
        {
            many.Append(CultureInfo.InvariantCulture, $"row {i}\n");
        }

        await Problem(await Send(rs, many.ToString(), "text/csv"), HttpStatusCode.RequestEntityTooLarge, "rows");
        await Problem(await Send(rs, "name,colour\nx,red\n", "text/csv"), HttpStatusCode.BadRequest, "colour");
        await Problem(await Send(rs, "name,name\nx,y\n", "text/csv"), HttpStatusCode.BadRequest, "name");
        await Problem(await Send(rs, "name\nx\n", "text/plain"), HttpStatusCode.UnsupportedMediaType, "Content-Type");
        await Problem(await Send(rs, "not a workbook", Xlsx), HttpStatusCode.BadRequest, "body");
        await Problem(await Send(rs, "", "text/csv"), HttpStatusCode.BadRequest, "body");
        await Problem(await rs.GetAsync("/api/catalog/export?format=pdf"), HttpStatusCode.BadRequest, "format");

        // A department's catalog is its staff's to import: the public may not.
        var citizen = await api.ClientFor(Role.Public, subject: "citizen-9");
        Assert.Equal(HttpStatusCode.Forbidden, (await Send(citizen, "name\nx\n", "text/csv")).StatusCode);
    }

    private static (int, int, int, int) Counts(JsonElement report) =>
        (report.GetProperty("created").GetInt32(), report.GetProperty("updated").GetInt32(),
         report.GetProperty("unchanged").GetInt32(), report.GetProperty("failed").GetInt32());

    private static async Task Problem(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(field, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
    }

    private static Task<HttpResponseMessage> Send(HttpClient client, string body, string mediaType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return client.PostAsync("/api/catalog/import", content);
    }

    private static async Task<JsonElement> Import(HttpClient client, string csv, string mediaType, string query = "", string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/catalog/import" + query) { Content = new StringContent(csv, Encoding.UTF8, mediaType) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<string> Entry(HttpClient client, string name, string? description = null, string[]? materials = null, object[]? dataItems = null)
    {
        var created = await client.PostAsJsonAsync("/api/catalog", new
        {
            classification = $"social-security/{_word}",
            name,
            description = description ?? "Insured persons.",
            dataItems = dataItems ?? [new { name = "personName", dataType = "string" }],
            format = "JSON",
            shareType = "Conditional",
            shareConditions = "For benefit claims.",
            shareReason = "Personal information.",
            legalBasis = "Personal Information Protection Law, Art 13",
            shareMethod = "Api",
            requiredMaterials = materials ?? ["Official letter of request", "Data security commitment"],
            usageRequirements = "Benefits only.",
            updateFrequency = "monthly",
            updateTimeLimitWorkingDays = 5,
            openType = "NonOpen",
            securityGrade = "L2",
            lastDataUpdate = "2026-10-12",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
    }

    private static List<string[]> ReadCsv(string csv)
    {
        using var parser = new CsvParser(new StringReader(csv), new CsvConfiguration(CultureInfo.InvariantCulture) { HasHeaderRecord = false, Mode = CsvMode.RFC4180 });
        var rows = new List<string[]>();
        while (parser.Read())
        {
            rows.Add(parser.Record!);
        }

        return rows;
    }

    /// <summary>Rows as a spreadsheet user saves them: RFC 4180, cells as they are (apostrophes included).</summary>
    private static string Csv(IEnumerable<string[]> rows)
    {
        using var text = new StringWriter();
        using (var csv = new CsvWriter(text, new CsvConfiguration(CultureInfo.InvariantCulture) { HasHeaderRecord = false, InjectionOptions = InjectionOptions.None }))
        {
            foreach (var row in rows)
            {
                foreach (var cell in row)
                {
                    csv.WriteField(cell);
                }

                csv.NextRecord();
            }
        }

        return text.ToString();
    }

    private static List<Dictionary<string, object?>> ReadXlsx(byte[] workbook)
    {
        using var stream = new MemoryStream(workbook);
        return stream.Query(useHeaderRow: true, excelType: ExcelType.XLSX)
            .Cast<IDictionary<string, object?>>()
            .Select(r => r.ToDictionary(c => c.Key, c => c.Value))
            .ToList();
    }

    private static byte[] WriteXlsx(List<Dictionary<string, object?>> rows)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(rows, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }
}

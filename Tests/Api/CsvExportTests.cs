using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using CsvHelper;
using CsvHelper.Configuration;
using DataSharing.Api.Endpoints;
using DataSharing.Common;
using DataSharing.Tests.Support;

namespace DataSharing.Tests.Api;

/// <summary>
/// Every CSV the API writes opens in a spreadsheet without running anything (OWASP, "CSV Injection"): the exports
/// are read back with CsvHelper, an RFC 4180 reader, and each cell is judged by the rule spreadsheets apply on
/// opening a CSV: a cell whose text starts with =, +, - or @ (or a tab or carriage return before one) is a formula.
/// </summary>
public sealed class CsvExportTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Hyperlink = "=HYPERLINK(\"http://evil.example\",\"click\")";

    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠'];

    private static List<string[]> Read(string csv)
    {
        using var parser = new CsvParser(new StringReader(csv), new CsvConfiguration(CultureInfo.InvariantCulture) { HasHeaderRecord = false, Mode = CsvMode.RFC4180 });
        var rows = new List<string[]>();
        while (parser.Read())
        {
            rows.Add(parser.Record!);
        }

        return rows;
    }

    private static void NoFormulaNoControlCharacter(List<string[]> rows)
    {
        Assert.NotEmpty(rows);
        foreach (var cell in rows.SelectMany(r => r))
        {
            Assert.False(cell.Length > 0 && FormulaStarts.Contains(cell[0]), $"A spreadsheet would run the cell {cell}");
            Assert.DoesNotContain(cell, c => char.IsControl(c) && c is not ('\n' or '\t'));
        }
    }

    [Fact]
    public async Task Art38_Art42_user_text_at_the_start_of_a_cell_is_neutralized_in_the_audit_and_assessment_exports()
    {
        // A subject (the audit's actor column) and a department name (the assessment's name column) are user text at
        // the start of a cell; the review's description goes into the audit's "after" cell.
        var citizen = await api.ClientFor(Role.Public, subject: Hyperlink);
        var filed = await citizen.PostAsJsonAsync("/api/reviews", new
        {
            entryCode = "340000-GA-0001", dataItems = new[] { "householdAddress" }, description = "@SUM(1+1)*cmd|' /C calc'!A0", route = "Provider",
        });
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        var admin = await api.ClientFor(Role.PlatformAdmin);
        Assert.Equal(HttpStatusCode.Created,
            (await admin.PostAsJsonAsync("/api/departments", new { code = "349900-EVIL", name = "+cmd|' /C calc'!A0", level = "Province" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created,
            (await admin.PostAsJsonAsync("/api/departments", new { code = "349900-MINUS", name = "-2+3", level = "Province" })).StatusCode);

        var audit = await admin.GetAsync("/api/audit/export");
        Assert.Equal("text/csv", audit.Content.Headers.ContentType!.MediaType);
        var auditRows = Read(await audit.Content.ReadAsStringAsync());
        NoFormulaNoControlCharacter(auditRows);
        // Neutralized, not lost: dropping the export's leading apostrophe gives the text back.
        Assert.Contains(auditRows, r => r[2] == "'" + Hyperlink);

        var assessment = await (await api.ClientFor(Role.DataAuthority)).GetStringAsync("/api/assessments/export");
        var assessmentRows = Read(assessment);
        NoFormulaNoControlCharacter(assessmentRows);
        Assert.Contains(assessmentRows, r => r[1] == "349900-EVIL" && r[2] == "'+cmd|' /C calc'!A0");
        Assert.Contains(assessmentRows, r => r[1] == "349900-MINUS" && r[2] == "'-2+3");
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+1", "'+1")]
    [InlineData("-1", "'-1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\t=1+1", "'\t=1+1")]
    [InlineData("'quoted", "''quoted")]
    [InlineData("＝1+1", "'＝1+1")]
    [InlineData("plain text", "plain text")]
    [InlineData("2026-10-12", "2026-10-12")]
    public void A_cell_a_spreadsheet_would_run_gets_a_leading_apostrophe(string value, string cell) =>
        Assert.Equal(cell, Read(new System.Text.StringBuilder().AppendRow([value]).ToString())[0][0]);

    [Theory]
    [InlineData("a\u0000b", "a\uFFFDb")]
    [InlineData("\u001b[31mred", "\uFFFD[31mred")]
    [InlineData("\r=1+1", "\uFFFD=1+1")]
    [InlineData("two\r\nlines", "two\nlines")]
    [InlineData("x\u202Eevil", "x\uFFFDevil")]
    public void A_cell_never_carries_a_control_character(string value, string cell)
    {
        var rows = Read(new System.Text.StringBuilder().AppendRow([value]).ToString());
        NoFormulaNoControlCharacter(rows);
        Assert.Equal(cell, rows[0][0]);
    }

    [Fact]
    public void Separators_and_quotes_stay_inside_their_cell()
    {
        var rows = Read(new System.Text.StringBuilder().AppendRow(["a,b", "c;d", "say \"hi\"", "x"]).ToString());
        Assert.Equal(["a,b", "c;d", "say \"hi\"", "x"], rows[0]);
    }
}

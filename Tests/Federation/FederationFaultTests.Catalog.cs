using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataSharing.Common;
using DataSharing.Tests.Cluster;
using DataSharing.Tests.Support;
using static DataSharing.Tests.Federation.FederatedPlatforms;

namespace DataSharing.Tests.Federation;

/// <summary>
/// Art 23 for the catalog and for withdrawals (issue 12, items 3 and 4): a province entry shared with the cities is a
/// read-only copy in Hefei's catalog, kept up to date through cuts; a Hefei entry is a copy in the province's; a
/// withdrawal made on the requester's platform is applied by the owner once, or refused and the refusal comes back.
/// </summary>
public sealed partial class FederationFaultTests
{
    [Fact]
    public async Task Art23_a_province_entry_is_a_read_only_copy_in_Hefei_with_its_origin_and_age_and_its_edit_and_retirement_follow()
    {
        using var province = await platforms.Province.ClientFor(Role.DepartmentOperator, ProvinceDepartment);
        using var hefei = await platforms.Hefei.ClientFor(Role.DepartmentOperator, HefeiDepartment);
        using var hefeiAdmin = await platforms.Hefei.ClientFor(Role.PlatformAdmin);
        var name = $"Vehicle registrations {Guid.NewGuid():N}"[..30];
        var code = await Publish(province, name);

        // Art 23: listed in Hefei's catalog as a copy, with the platform that owns it and when Hefei received it.
        var row = await Copy(hefei, name, r => r.GetProperty("version").GetInt32() == 1);
        Assert.Equal(code, row.GetProperty("code").GetString());
        Assert.Equal(ProvinceCode, row.GetProperty("originPlatform").GetString());
        var entry = await hefei.GetFromJsonAsync<JsonElement>($"/api/catalog/{code}");
        Assert.Equal(ProvinceCode, entry.GetProperty("origin").GetProperty("platform").GetString());
        Assert.True(DateTimeOffset.UtcNow - entry.GetProperty("origin").GetProperty("reportedAt").GetDateTimeOffset() < Bound);
        Assert.DoesNotContain(await Pages.All(hefei, "/api/catalog?local=true"), r => r.GetProperty("code").GetString() == code);

        // Read-only where it is a copy (409 with the state), owned where it was compiled; a request for it goes to the owner.
        var edit = await hefei.PutAsJsonAsync($"/api/catalog/{code}", Entry(name + " (Hefei)"));
        Assert.Equal(HttpStatusCode.Conflict, edit.StatusCode);
        Assert.Contains(ProvinceCode, await edit.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, (await hefei.PostAsJsonAsync($"/api/catalog/{code}/retire", new { reason = "Not ours" })).StatusCode);
        // What acts on the entry's data is done where it is served: a review of the copy (Art 26) goes to the owner, which owns the case.
        var review = await FileReview(hefei, "copy-review-1", new { entryCode = code, dataItems = new[] { "owner" }, description = "Owner misspelt", route = "Provider" });
        Assert.Equal(ProvinceCode, review.GetProperty("providerPlatform").GetString());
        var requested = await Submit(hefei, "copy-1", new
        {
            entryCode = code, dataItems = new[] { "plateNumber" }, scenario = "Federation drill: request for a copied entry",
            periodFrom = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd"),
            periodTo = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(30).ToString("yyyy-MM-dd"),
        });
        Assert.Equal(ProvinceCode, requested.GetProperty("providerPlatform").GetString());
        await Status(hefei, requested.GetProperty("id").GetString()!, "Granted");

        // The owner's edit and retirement reach the copy.
        Assert.Equal(HttpStatusCode.OK, (await province.PutAsJsonAsync($"/api/catalog/{code}", Entry(name + " v2"))).StatusCode);
        var edited = await Copy(hefei, name, r => r.GetProperty("version").GetInt32() == 2);
        Assert.EndsWith(" v2", edited.GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.OK, (await province.PostAsJsonAsync($"/api/catalog/{code}/retire", new { reason = "Replaced by the national register" })).StatusCode);
        var retired = await Eventually.Get(() => hefeiAdmin.GetFromJsonAsync<JsonElement>($"/api/catalog/{code}"),
            e => e.GetProperty("status").GetString() == "Retired", Bound);
        Assert.Equal("Replaced by the national register", retired.GetProperty("retiredReason").GetString());
        Assert.DoesNotContain(await Pages.All(hefei, $"/api/catalog?q={Uri.EscapeDataString(name)}"), r => r.GetProperty("code").GetString() == code);

        // The reverse: Hefei's own entry is a copy in the province's catalog (and handed on from there to Wuhu).
        var hefeiName = $"Hefei parking permits {Guid.NewGuid():N}"[..30];
        var hefeiCode = await Publish(hefei, hefeiName);
        var upward = await Copy(province, hefeiName, _ => true);
        Assert.Equal(HefeiCode, upward.GetProperty("originPlatform").GetString());
        Assert.Equal(hefeiCode, upward.GetProperty("code").GetString());
        await Report();
    }

    [Fact]
    public async Task Art23_a_catalog_edit_made_while_the_link_is_cut_arrives_once_after_it_heals()
    {
        using var province = await platforms.Province.ClientFor(Role.DepartmentOperator, ProvinceDepartment);
        using var hefei = await platforms.Hefei.ClientFor(Role.DepartmentOperator, HefeiDepartment);
        var name = $"Driving licences {Guid.NewGuid():N}"[..30];
        var code = await Publish(province, name);
        var before = await Copy(hefei, name, _ => true);
        await platforms.WhileCut(async () =>
        {
            Assert.Equal(HttpStatusCode.OK, (await province.PutAsJsonAsync($"/api/catalog/{code}", Entry(name + " v2"))).StatusCode);
            await Eventually.Get(() => Link(platforms.Province, HefeiCode),
                l => l.GetProperty("outbound").GetProperty("failedAttempts").GetInt64() >= 2, Bound);
            Assert.Equal(1, (await Copy(hefei, name, _ => true)).GetProperty("version").GetInt32());
        });

        var healed = Stopwatch.StartNew();
        var after = await Copy(hefei, name, r => r.GetProperty("version").GetInt32() == 2);
        output.WriteLine($"catalog delivery lag after the heal: {healed.Elapsed.TotalSeconds:F2} s");
        Assert.True(after.GetProperty("reportedAt").GetDateTimeOffset() > before.GetProperty("reportedAt").GetDateTimeOffset());

        // Published, then edited: two acts, each applied once by Hefei's inbox however often it was retried (the log
        // record follows the effect, so it is waited for).
        using var admin = await platforms.Hefei.ClientFor(Role.PlatformAdmin);
        var received = await Eventually.Get(async () => (await Pages.All(admin, $"/api/federation/log/{ProvinceCode}?direction=in"))
            .Where(r => r.GetProperty("entry").GetProperty("action").GetString() == "receive")
            .Select(r => r.GetProperty("entry").GetProperty("before").GetString()!)
            .Where(b => b.Contains($" {code}#"))
            .ToList(), r => r.Count >= 2, Bound);
        Assert.Equal(2, received.Count);
        Assert.Equal(2, received.Distinct().Count());
        await Report();
    }

    [Fact]
    public async Task Art23_Art25_a_withdrawal_on_Hefei_is_applied_once_by_the_province_or_refused_there_and_the_refusal_comes_back()
    {
        using var hefei = await platforms.Hefei.ClientFor(Role.DepartmentOperator, HefeiDepartment);
        using var province = await platforms.Province.ClientFor(Role.DepartmentOperator, ProvinceDepartment);

        // Art 25: the requester may withdraw before an answer; the owner applies it, and Hefei's copy follows.
        var id = (await Submit(hefei, "withdraw-1")).GetProperty("id").GetString()!;
        await Status(hefei, id, "AwaitingProvider");
        var asked = await hefei.PostAsJsonAsync($"/api/share-requests/{id}/withdraw", new { reason = "Handled by the applicant's own documents" });
        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        // Asked again while it travels: the same answer (or 409 once the owner's Withdrawn is back), never a second message.
        Assert.Contains((await hefei.PostAsJsonAsync($"/api/share-requests/{id}/withdraw", new { })).StatusCode, new[] { HttpStatusCode.Accepted, HttpStatusCode.Conflict });
        await Status(province, id, "Withdrawn");
        var withdrawn = await Status(hefei, id, "Withdrawn");
        Assert.Contains(withdrawn.GetProperty("history").EnumerateArray(), t => t.GetProperty("action").GetString() == "withdraw");
        await ReceivedOnce(id, HefeiCode, "#withdraw ");
        Assert.Equal(HttpStatusCode.Conflict, (await hefei.PostAsJsonAsync($"/api/share-requests/{id}/withdraw", new { })).StatusCode);

        // Answered on the province while the link was cut: the withdrawal that arrives later is refused there (409 and the
        // state, recorded in the case), and the refusal travels back with the grant.
        var late = (await Submit(hefei, "withdraw-2")).GetProperty("id").GetString()!;
        await Status(hefei, late, "AwaitingProvider");
        await platforms.WhileCut(async () =>
        {
            Assert.Equal(HttpStatusCode.Accepted, (await hefei.PostAsJsonAsync($"/api/share-requests/{late}/withdraw", new { })).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await province.PostAsJsonAsync($"/api/share-requests/{late}/approve", new { })).StatusCode);
        });

        var (_, refused) = await Eventually.Get(() => ClusterScenario.GetSettled(hefei, late, Bound),
            r => r.Request?.GetProperty("history").EnumerateArray().Any(t => t.GetProperty("action").GetString() == "withdraw-refused") == true, Bound);
        Assert.Equal("Granted", refused!.Value.GetProperty("status").GetString());
        Assert.Contains("409", refused.Value.GetProperty("history").EnumerateArray().Last().GetProperty("note").GetString());
        Assert.Equal("Granted", (await Status(province, late, "Granted")).GetProperty("status").GetString());
        await ReceivedOnce(late, HefeiCode, "#withdraw ");
        await Report();
    }

    /// <summary>Drafts and publishes an entry of the client's department; its code.</summary>
    private static async Task<string> Publish(HttpClient client, string name)
    {
        var drafted = await client.PostAsJsonAsync("/api/catalog", Entry(name));
        Assert.True(drafted.StatusCode == HttpStatusCode.Created, await drafted.Content.ReadAsStringAsync());
        var code = (await drafted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/catalog/{code}/publish", null)).StatusCode);
        return code;
    }

    /// <summary>An unconditional entry shared with the other levels (shareScope left out: Federation is the default).</summary>
    private static object Entry(string name) => new
    {
        classification = "transport/vehicles", name, format = "JSON", shareType = "Unconditional", shareMethod = "Api",
        usageRequirements = "Federation drill", updateFrequency = "daily", openType = "NonOpen", securityGrade = "L2",
        dataItems = new[] { new { name = "plateNumber", dataType = "string" }, new { name = "owner", dataType = "string" } },
    };

    /// <summary>The copy's row in the client's catalog, once it is there and <paramref name="done"/>.</summary>
    private static async Task<JsonElement> Copy(HttpClient client, string name, Func<JsonElement, bool> done)
    {
        var rows = await Eventually.Get(() => Pages.All(client, $"/api/catalog?local=false&q={Uri.EscapeDataString(name)}"),
            r => r.Count == 1 && done(r[0]), Bound);
        Assert.True(rows.Count == 1 && done(rows[0]), $"{name}: {string.Join(", ", rows)}");
        return rows[0];
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DataSharing.Common;
using DataSharing.Tests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DataSharing.Tests.Api;

/// <summary>
/// Every endpoint × every role × own vs foreign department, from one table. An endpoint the table does not name
/// fails the test, so a new endpoint cannot ship without an authorization rule.
/// </summary>
public sealed class AuthorizationMatrixTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Own = "340000-GA";
    private const string Requester = "340000-RS";
    private const string Foreign = "340000-ZR";
    private const string HefeiDepartment = "340100-GA";

    /// <summary>Provides the demo's conditionally open entry (administrative penalties, 340000-SC-0002).</summary>
    private const string MarketRegulation = "340000-SC";

    private static readonly string[] Staff = [Role.DepartmentOperator, Role.DepartmentHead];
    private static readonly string[] Oversight = [Role.PlatformAdmin, Role.DataAuthority];
    private static readonly string[] Everyone = Role.All.ToArray();

    /// <summary>Who passes authorization. <c>Party</c>: department staff pass only for that department's resource.</summary>
    private sealed record Rule(string[] Roles, bool Anonymous = false, string? Party = null);

    private static Rule Open => new([], Anonymous: true);
    private static Rule Authenticated => new(Everyone);
    private static Rule Roles(params string[][] groups) => new(groups.SelectMany(g => g).ToArray());

    private static readonly Dictionary<string, Rule> Matrix = new()
    {
        ["GET /"] = Open,
        ["GET /health"] = Open,
        ["HEAD /health"] = Open,
        ["GET /openapi/{documentName}.json"] = Open,
        ["GET /admin/login"] = Open,
        ["POST /api/dev/tokens"] = Open,
        ["GET /api/calendar/working-days/add"] = Open,
        ["GET /api/calendar/years"] = Authenticated,
        ["GET /api/calendar/years/{year:int}"] = Authenticated,
        ["GET /api/calendar/years/{year:int}/versions"] = Authenticated,
        ["PUT /api/calendar/years/{year:int}"] = Roles([Role.PlatformAdmin]),
        ["GET /api/departments/"] = Authenticated,
        ["GET /api/departments/{code}"] = Authenticated,
        ["POST /api/departments/"] = Roles([Role.PlatformAdmin]),
        ["GET /api/departments/{code}/violations"] = Roles(Staff, Oversight) with { Party = Own },
        ["GET /api/catalog/"] = Authenticated,
        ["GET /api/catalog/{code}"] = Authenticated,
        ["GET /api/catalog/{code}/versions"] = Authenticated,
        ["POST /api/catalog/"] = Roles(Staff),
        ["PUT /api/catalog/{code}"] = Roles(Staff),
        ["POST /api/catalog/{code}/publish"] = Roles(Staff) with { Party = Own },
        ["POST /api/catalog/{code}/retire"] = Roles(Staff) with { Party = Own },
        ["POST /api/catalog/{code}/data/"] = Roles(Staff) with { Party = Own },
        ["GET /api/catalog/{code}/data/"] = Roles(Staff),
        ["GET /api/catalog/{code}/data/freshness"] = Authenticated,
        ["GET /api/catalog/{code}/data/quality"] = Authenticated,
        ["POST /api/catalog/{code}/data/quality-checks"] = Roles(Staff, Oversight) with { Party = Own },
        ["GET /api/catalog/{code}/data/uploads/{uploadId}"] = Authenticated,
        ["GET /api/catalog/{code}/data/uploads/{uploadId}/errors"] = Authenticated,
        ["GET /api/catalog/export"] = Authenticated,
        ["POST /api/catalog/import"] = Roles(Staff),
        ["GET /api/open/catalog.jsonld"] = Open,
        ["GET /api/open/datasets/"] = Open,
        ["GET /api/open/datasets/{code}/data"] = Open,
        ["POST /api/catalog/{code}/open"] = Roles(Staff) with { Party = Own },
        ["GET /api/open/applications/"] = Roles(Staff, Oversight, [Role.Public]),
        ["POST /api/open/applications/"] = Roles([Role.Public]),
        ["GET /api/open/applications/{id}"] = Roles(Staff, Oversight, [Role.Public]) with { Party = MarketRegulation },
        ["POST /api/open/applications/{id}/approve"] = Roles(Staff) with { Party = MarketRegulation },
        ["POST /api/open/applications/{id}/refuse"] = Roles(Staff) with { Party = MarketRegulation },
        ["POST /api/share-requests/"] = Roles(Staff),
        ["GET /api/share-requests/inbox"] = Roles(Staff),
        ["GET /api/share-requests/outbox"] = Roles(Staff),
        ["GET /api/share-requests/overdue"] = Roles(Oversight),
        ["GET /api/share-requests/{id}"] = Roles(Staff, Oversight) with { Party = Own },
        ["POST /api/share-requests/{id}/approve"] = Roles(Staff) with { Party = Own },
        ["POST /api/share-requests/{id}/refuse"] = Roles(Staff) with { Party = Own },
        ["POST /api/share-requests/{id}/withdraw"] = Roles(Staff) with { Party = Requester },
        ["POST /api/share-requests/{id}/revoke"] = Roles(Staff) with { Party = Own },
        ["POST /api/access-checks/"] = Roles(Staff),
        ["GET /api/access-checks/"] = Roles(Staff, Oversight) with { Party = Own },
        ["GET /api/rulebook"] = Roles(Oversight),
        ["GET /api/audit/"] = Roles(Staff, Oversight),
        ["GET /api/audit/verify"] = Roles(Oversight),
        ["GET /api/audit/export"] = Roles(Oversight),
        // Authorized by the peer platform's signature, not by a token (FederationGateTests, FederationFaultTests).
        ["POST /api/federation/messages"] = Open,
        ["POST /api/federation/reads"] = Open,
        ["GET /api/federation/links"] = Roles([Role.PlatformAdmin]),
        ["GET /api/federation/log/{peer}"] = Roles(Oversight),
        ["GET /api/federation/log/verify"] = Roles(Oversight),
        ["POST /api/reviews/"] = Roles(Staff, [Role.Public]),
        ["GET /api/reviews/{id}"] = Roles(Staff, Oversight) with { Party = Own },
        ["POST /api/reviews/{id}/route"] = Roles([Role.PlatformAdmin]),
        ["POST /api/reviews/{id}/extend"] = Roles([Role.DepartmentHead]) with { Party = Own },
        ["POST /api/reviews/{id}/confirm"] = Roles(Staff) with { Party = Own },
        ["POST /api/reviews/{id}/correct"] = Roles(Staff) with { Party = Own },
        ["POST /api/catalog-changes/"] = Roles(Staff),
        ["GET /api/catalog-changes/{id}"] = Roles(Staff, Oversight) with { Party = Own },
        ["POST /api/catalog-changes/{id}/updated"] = Roles(Staff) with { Party = Own },
        ["POST /api/catalog-changes/{id}/report"] = Roles(Staff) with { Party = Own },
        ["POST /api/notices/"] = Roles([Role.DataAuthority]),
        ["GET /api/notices/{id}"] = Roles(Staff, Oversight) with { Party = Own },
        ["POST /api/notices/{id}/report"] = Roles(Staff) with { Party = Own },
        ["POST /api/notices/{id}/decision"] = Roles([Role.DataAuthority]),
        ["POST /api/notices/{id}/government-order"] = Roles([Role.DataAuthority]),
        ["GET /api/violations"] = Roles(Oversight),
        ["GET /api/console/live-path"] = Roles(Oversight),
        ["GET /api/reviews/"] = Roles(Staff, Oversight),
        ["GET /api/catalog-changes/"] = Roles(Staff, Oversight),
        ["GET /api/notices/"] = Roles(Staff, Oversight),
        ["GET /api/conflicts/"] = Roles(Staff, Oversight),
        ["POST /api/conflicts/"] = Roles(Staff, [Role.PlatformAdmin]),
        ["GET /api/conflicts/{id}"] = Roles(Staff, Oversight) with { Party = Own },
        ["POST /api/conflicts/{id}/positions"] = Roles(Staff) with { Party = Own },
        ["POST /api/conflicts/{id}/proposal"] = Roles(Staff) with { Party = Own },
        ["POST /api/conflicts/{id}/accept"] = Roles(Staff) with { Party = Own },
        ["POST /api/conflicts/{id}/ruling"] = Roles([Role.DataAuthority]),
        ["POST /api/conflicts/{id}/dismiss"] = Roles(Oversight),
        ["GET /api/assessments/"] = Roles(Staff, Oversight),
        ["GET /api/assessments/export"] = Roles(Oversight),
        ["GET /api/personalized-catalog-requests/"] = Roles(Staff, Oversight),
        ["POST /api/personalized-catalog-requests/"] = Roles([Role.DataAuthority]),
        ["GET /api/personalized-catalog-requests/{id}"] = Roles(Staff, Oversight) with { Party = HefeiDepartment },
        ["POST /api/personalized-catalog-requests/{id}/approve"] = Roles([Role.DataAuthority]),
        ["POST /api/personalized-catalog-requests/{id}/reject"] = Roles([Role.DataAuthority]),
        ["GET /api/incidents/"] = Roles(Staff, Oversight),
        ["POST /api/incidents/"] = Roles(Staff, [Role.DataAuthority]),
        ["GET /api/incidents/{id}"] = Roles(Staff, Oversight) with { Party = Own },
        ["POST /api/incidents/{id}/close"] = Roles(Staff, [Role.DataAuthority]) with { Party = Own },
        ["GET /api/incidents/notices/"] = Roles(Staff, Oversight),
        ["GET /api/incidents/notices/{id}"] = Roles(Staff, Oversight) with { Party = Requester },
        ["POST /api/incidents/notices/{id}/acknowledge"] = Roles(Staff) with { Party = Requester },
        ["GET /api/emergency-openings/"] = Roles(Staff, Oversight),
        ["POST /api/emergency-openings/"] = Roles([Role.DepartmentHead, Role.DataAuthority]),
        ["GET /api/emergency-openings/{id}"] = Authenticated,
        ["POST /api/emergency-openings/{id}/end"] = Roles([Role.DepartmentHead, Role.DataAuthority]) with { Party = Own },
        ["POST /api/session"] = Roles([Role.PlatformAdmin]),
        ["GET /metrics"] = Roles(Oversight),
        ["HEAD /metrics"] = Roles(Oversight),
        ["* /dashboard"] = Roles([Role.PlatformAdmin]),
        // Live log streaming is switched off (HideTrace): refused to everyone.
        ["GET /dashboard/Trace"] = new Rule([]),
        // The web console: sign-in, language and static files are open; pages need a session (here: the bearer token),
        // and the pages of one kind of work the roles that do it.
        ["POST /"] = Open,
        ["POST /console/session"] = Open,
        ["GET /console/signout"] = Open,
        ["GET /console/language"] = Open,
        ["* static"] = Open,
        ["* console"] = Authenticated,
        ["* /inbox"] = Roles(Staff),
        ["* /outbox"] = Roles(Staff),
        ["* /catalog/{Code}/request"] = Roles(Staff),
        ["* /overview"] = Roles(Oversight),
        ["* /violations"] = Roles(Oversight),
    };

    /// <summary>
    /// The console's own routes: its pages, its circuit (/_blazor) and its static files (those the build lists are open;
    /// the catch-all for any other file name is behind the session like the pages).
    /// </summary>
    private static string? ConsoleKey(string pattern) =>
        pattern.StartsWith("/api", StringComparison.Ordinal) || pattern.StartsWith("/dashboard", StringComparison.Ordinal)
            || pattern is "/health" or "/metrics" or "/openapi/{documentName}.json" or "/admin/login" or "/" || pattern.StartsWith("/console/", StringComparison.Ordinal)
            ? null
            : Matrix.ContainsKey($"* {pattern}") ? $"* {pattern}"
            : System.IO.Path.HasExtension(pattern) ? "* static"
            : "* console";

    private static string Key(string method, string pattern) =>
        Matrix.ContainsKey($"{method} {pattern}") ? $"{method} {pattern}"
        : pattern.StartsWith("/dashboard", StringComparison.Ordinal) ? "* /dashboard"
        : ConsoleKey(pattern) ?? $"{method} {pattern}";

    private IReadOnlyList<(string Method, string Pattern)> Endpoints() =>
        api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => (m, "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'))))
            .Distinct()
            .ToList();

    [Fact]
    public void Every_endpoint_has_a_rule_and_every_rule_an_endpoint()
    {
        var keys = Endpoints().Select(e => Key(e.Method, e.Pattern)).ToHashSet();
        Assert.Empty(keys.Except(Matrix.Keys));
        Assert.Empty(Matrix.Keys.Except(keys));
    }

    [Fact]
    public async Task Every_endpoint_admits_exactly_the_roles_and_departments_of_its_rule()
    {
        var rs = await api.ClientFor(Role.DepartmentOperator, Requester);
        var request = await (await rs.PostAsJsonAsync("/api/share-requests", new
        {
            entryCode = "340000-GA-0001", dataItems = new[] { "name" }, scenario = "Matrix",
            periodFrom = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd"),
            periodTo = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30).ToString("yyyy-MM-dd"),
            materials = new[] { new { name = "Official letter of request", reference = "1" }, new { name = "Data security commitment", reference = "2" } },
        })).Content.ReadFromJsonAsync<JsonElement>();
        var review = await (await rs.PostAsJsonAsync("/api/reviews", new
        {
            entryCode = "340000-GA-0001", dataItems = new[] { "name" }, description = "Matrix", route = "Provider",
        })).Content.ReadFromJsonAsync<JsonElement>();
        var ga = await api.ClientFor(Role.DepartmentOperator, Own);
        var change = await (await ga.PostAsJsonAsync("/api/catalog-changes", new
        {
            changedOn = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd"), basis = "Matrix", affectedEntries = Array.Empty<string>(),
        })).Content.ReadFromJsonAsync<JsonElement>();
        var authority = await api.ClientFor(Role.DataAuthority);
        var notice = await (await authority.PostAsJsonAsync("/api/notices", new
        {
            department = Own, category = "CatalogNotCompiled", findings = "Matrix",
            rectifyBy = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30).ToString("yyyy-MM-dd"),
        })).Content.ReadFromJsonAsync<JsonElement>();
        var admin = await api.ClientFor(Role.PlatformAdmin);
        var conflict = await (await admin.PostAsJsonAsync("/api/conflicts", new
        {
            classification = "population/household-registration", dataItem = "householdAddress", description = "Matrix",
            parties = new[] { new { department = Own }, new { department = Requester } },
        })).Content.ReadFromJsonAsync<JsonElement>();
        var hefei = await api.ClientFor(Role.DepartmentOperator, HefeiDepartment);
        var local = await (await hefei.PostAsJsonAsync("/api/catalog", new
        {
            classification = "public-security/parking-permits", name = "Parking permits", format = "JSON", shareType = "Unconditional",
            shareMethod = "Api", usageRequirements = "Matrix", updateFrequency = "daily", openType = "NonOpen", securityGrade = "L1",
            dataItems = new[] { new { name = "plate", dataType = "string" } }, personalized = true,
        })).Content.ReadFromJsonAsync<JsonElement>();
        var cityAuthority = await api.ClientFor(Role.DataAuthority, "340100-SJ");
        var consent = await (await cityAuthority.PostAsJsonAsync("/api/personalized-catalog-requests", new
        {
            entryCode = local.GetProperty("code").GetString(), justification = "Matrix",
        })).Content.ReadFromJsonAsync<JsonElement>();
        // An incident on an entry of Own that Requester holds a grant of (so Requester is sent a notice), and an emergency opening of it.
        (await rs.PostAsJsonAsync("/api/share-requests", new
        {
            entryCode = "340000-GA-0002", dataItems = new[] { "cardStatus" }, scenario = "Matrix",
            periodFrom = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd"),
            periodTo = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30).ToString("yyyy-MM-dd"),
        })).EnsureSuccessStatusCode();
        var incident = await (await ga.PostAsJsonAsync("/api/incidents", new
        {
            entryCode = "340000-GA-0002", description = "Matrix", occurredAt = DateTimeOffset.UtcNow.AddMinutes(-1), affectedRecords = "Matrix",
        })).Content.ReadFromJsonAsync<JsonElement>();
        var incidentId = incident.GetProperty("id").GetString()!;
        var opening = await (await authority.PostAsJsonAsync("/api/emergency-openings", new
        {
            entryCodes = new[] { "340000-GA-0002" }, reason = "Matrix", expiresAt = DateTimeOffset.UtcNow.AddDays(3), updateFrequency = "daily",
        })).Content.ReadFromJsonAsync<JsonElement>();
        var citizen = await api.ClientFor(Role.Public);
        var application = await (await citizen.PostAsJsonAsync("/api/open/applications", new
        {
            entryCode = "340000-SC-0002", purpose = "Matrix", dataItems = new[] { "decisionNumber" },
            periodFrom = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd"),
            periodTo = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30).ToString("yyyy-MM-dd"),
        })).Content.ReadFromJsonAsync<JsonElement>();
        var values = new Dictionary<string, string>
        {
            ["/api/incidents/notices/{id}"] = $"{incidentId}.{Requester}",
            ["/api/incidents/{id}"] = incidentId,
            ["/api/emergency-openings/{id}"] = opening.GetProperty("id").GetString()!,
            ["/api/open/applications/{id}"] = application.GetProperty("id").GetString()!,
            ["/api/personalized-catalog-requests/{id}"] = consent.GetProperty("id").GetString()!,
            ["/api/conflicts/{id}"] = conflict.GetProperty("id").GetString()!,
            ["/api/notices/{id}"] = notice.GetProperty("id").GetString()!,
            ["/api/catalog-changes/{id}"] = change.GetProperty("id").GetString()!,
            ["/api/share-requests/{id}"] = request.GetProperty("id").GetString()!,
            ["/api/reviews/{id}"] = review.GetProperty("id").GetString()!,
            ["/api/departments/{code}"] = Own,
            ["/api/catalog/{code}"] = "340000-GA-0001",
            ["/api/open/datasets/{code}"] = "340000-SC-0001",
        };

        var callers = new List<(string Name, string? Role, string? Department)> { ("anonymous", null, null) };
        callers.AddRange(Role.All.Select(r => (r, (string?)r, Role.IsDepartmentRole(r) ? "own" : null)));
        callers.AddRange(Staff.Select(r => ($"{r} of a foreign department", (string?)r, (string?)"foreign")));

        var failures = new List<string>();
        foreach (var (method, pattern) in Endpoints())
        {
            var rule = Matrix[Key(method, pattern)];
            foreach (var (name, role, which) in callers)
            {
                var department = which switch { "own" => rule.Party ?? Own, "foreign" => Foreign, _ => null };
                var client = role is null ? api.CreateClient() : await api.ClientFor(role, department);
                var path = Path(pattern, values) + (pattern == "/api/access-checks/" && method == "GET" ? $"?department={Own}" : "");
                var message = new HttpRequestMessage(new HttpMethod(method == "*" ? "GET" : method), path);
                if (method is "POST" or "PUT")
                {
                    message.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                }

                var status = (await client.SendAsync(message)).StatusCode;
                var expected = Expect(rule, role, which);
                var ok = expected switch
                {
                    HttpStatusCode.OK => status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden),
                    _ => status == expected,
                };
                if (!ok)
                {
                    failures.Add($"{method} {path} as {name}: {(int)status}, expected {(expected == HttpStatusCode.OK ? "allowed" : ((int)expected).ToString())}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    /// <summary>401 for no token, 403 for a role or department the rule does not admit, else "allowed" (OK).</summary>
    private static HttpStatusCode Expect(Rule rule, string? role, string? which)
    {
        if (rule.Anonymous)
        {
            return HttpStatusCode.OK;
        }

        if (role is null)
        {
            return HttpStatusCode.Unauthorized;
        }

        if (!rule.Roles.Contains(role) || (rule.Party is not null && which == "foreign"))
        {
            return HttpStatusCode.Forbidden;
        }

        return HttpStatusCode.OK;
    }

    private static string Path(string pattern, Dictionary<string, string> values)
    {
        foreach (var (prefix, value) in values)
        {
            var parameter = prefix[(prefix.LastIndexOf('/') + 1)..];
            if (pattern.StartsWith(prefix, StringComparison.Ordinal))
            {
                pattern = pattern.Replace(parameter, value);
            }
        }

        // The console's static files: a file name (one that is not there is a 404, open to all like the rest).
        pattern = pattern.Replace("{year:int}", "2027").Replace("{documentName}", "v1").Replace("{**path:file}", "x.css");
        pattern = System.Text.RegularExpressions.Regex.Replace(pattern, "\\{[^}:]*:int\\}", "1");
        return System.Text.RegularExpressions.Regex.Replace(pattern, "\\{[^}]*\\}", "x");
    }
}

using DataSharing.Api.Problems;
using Orleans.Dashboard;

namespace DataSharing.Api.Auth;

/// <summary>
/// The Orleans dashboard is a browser page, which cannot send a bearer header. A platform admin exchanges a token
/// for an HttpOnly, SameSite=Strict cookie holding the same token; the cookie is honoured under /dashboard only,
/// so it can never authorize a change through the API.
/// </summary>
public static class DashboardSession
{
    public const string Cookie = "platform_session";
    public const string Path = "/dashboard";

    /// <summary>Where JwtBearer looks when the request has no Authorization header.</summary>
    public static string? TokenFrom(HttpRequest request) =>
        request.Path.StartsWithSegments(Path) && request.Headers.Authorization.Count == 0
            ? request.Cookies[Cookie]
            : null;

    public const string LoginPath = "/admin/login";

    /// <summary>
    /// A browser opening a dashboard page without a session is sent to the login page; an API client (anything not
    /// asking for HTML) still gets its 401 problem.
    /// </summary>
    public static bool SendsToLogin(HttpRequest request) =>
        request.Path.StartsWithSegments(Path)
        && HttpMethods.IsGet(request.Method)
        && request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));

    public static void MapDashboard(this WebApplication app)
    {
        // The dashboard is a page for people, not part of the API: it stays out of the OpenAPI document.
        app.MapOrleansDashboard(routePrefix: Path)
            .RequireAuthorization(Policies.PlatformAdmin)
            .ExcludeFromDescription()
            .AddEndpointFilter(DashboardSiloAddresses.Check);

        app.MapPost("/api/session", (HttpContext http) =>
        {
            var token = http.Request.Headers.Authorization.ToString();
            http.Response.Cookies.Append(Cookie, token["Bearer ".Length..], new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Secure = http.Request.IsHttps,
                Path = Path,
            });
            return Results.NoContent();
        })
        .RequireAuthorization(Policies.PlatformAdmin)
        .WithTags("Administration")
        .WithSummary("Opens a dashboard session: send your bearer token, get a cookie valid under /dashboard.");

        app.MapGet(LoginPath, () => Results.Content(LoginPage, "text/html")).AllowAnonymous().ExcludeFromDescription();
    }

    private const string LoginPage = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>Platform administration</title>
        <style>body{font-family:sans-serif;max-width:40rem;margin:4rem auto}textarea{width:100%;height:8rem}</style></head>
        <body><h1>Platform administration</h1>
        <p>Paste a PlatformAdmin token to open the Orleans dashboard.</p>
        <textarea id="token" aria-label="token"></textarea><p><button id="go">Open the dashboard</button> <span id="msg"></span></p>
        <script>
        document.getElementById('go').onclick = async () => {
          const r = await fetch('/api/session', { method: 'POST', headers: { Authorization: 'Bearer ' + document.getElementById('token').value.trim() } });
          if (r.ok) { location.href = '/dashboard/'; } else { document.getElementById('msg').textContent = 'Refused (' + r.status + ')'; }
        };
        </script></body></html>
        """;
}

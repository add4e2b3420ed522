using DataSharing.Api.Problems;
using Orleans.Dashboard;

namespace DataSharing.Api.Auth;

/// <summary>
/// The Orleans dashboard and the console are browser pages, which cannot send a bearer header. A signed-in person
/// holds an HttpOnly, SameSite=Strict cookie with their token (a platform admin gets one for the dashboard from
/// /api/session, anyone from the console's sign-in); the cookie is honoured on those pages only, never under /api, so
/// it can never authorize a change through the API.
/// </summary>
public static class DashboardSession
{
    public const string Cookie = "platform_session";
    public const string Path = "/dashboard";

    /// <summary>Where JwtBearer looks when the request has no Authorization header.</summary>
    public static string? TokenFrom(HttpRequest request) =>
        IsBrowserPage(request.Path) && request.Headers.Authorization.Count == 0
            ? request.Cookies[Cookie]
            : null;

    /// <summary>The dashboard and the console (its pages and its circuit): everything but the API and the machine endpoints.</summary>
    public static bool IsBrowserPage(PathString path) =>
        !path.StartsWithSegments("/api") && !path.StartsWithSegments("/metrics") && !path.StartsWithSegments("/openapi")
        && !path.StartsWithSegments("/health");

    public const string LoginPath = "/admin/login";

    /// <summary>
    /// Where a browser opening a page without a session is sent: the dashboard's login page, or the console's sign-in
    /// (which brings it back); null for an API client (anything not asking for HTML), which still gets its 401 problem.
    /// </summary>
    public static string? LoginFor(HttpRequest request)
    {
        if (!IsBrowserPage(request.Path) || !HttpMethods.IsGet(request.Method)
            || !request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        return request.Path.StartsWithSegments(Path)
            ? LoginPath
            : $"/?returnUrl={Uri.EscapeDataString(request.Path + request.QueryString)}";
    }

    /// <summary>Gives the browser its session cookie, holding <paramref name="token"/>.</summary>
    public static void Open(HttpContext http, string token) =>
        http.Response.Cookies.Append(Cookie, token, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = http.Request.IsHttps,
            Path = "/",
        });

    public static void Close(HttpContext http) => http.Response.Cookies.Delete(Cookie, new CookieOptions { Path = "/" });

    public static void MapDashboard(this WebApplication app)
    {
        // The dashboard is a page for people, not part of the API: it stays out of the OpenAPI document.
        app.MapOrleansDashboard(routePrefix: Path)
            .RequireAuthorization(Policies.PlatformAdmin)
            .ExcludeFromDescription()
            .AddEndpointFilter(DashboardSiloAddresses.Check);

        app.MapPost("/api/session", (HttpContext http) =>
        {
            Open(http, http.Request.Headers.Authorization.ToString()["Bearer ".Length..]);
            return Results.NoContent();
        })
        .RequireAuthorization(Policies.PlatformAdmin)
        .WithTags("Administration")
        .WithSummary("Opens a dashboard session: send your bearer token, get a cookie valid for the dashboard and the console (never the API).");

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

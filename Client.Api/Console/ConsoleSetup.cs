using DataSharing.Api.Auth;
using DataSharing.Api.Components;
using DataSharing.Common;
using Microsoft.AspNetCore.Antiforgery;

namespace DataSharing.Api.Console;

/// <summary>
/// The web console: Blazor components rendered on the server, interactive over the circuit (SignalR), calling the
/// same grains the API calls, in-process. Signed in with the platform's own tokens, held in the session cookie the
/// dashboard already used (honoured on browser pages only, never under /api).
/// </summary>
public static class ConsoleSetup
{
    public const string SessionPath = "/console/session";

    public static void AddPlatformConsole(this WebApplicationBuilder builder)
    {
        // The framework's script (_framework/blazor.web.js) is a static web asset of a package: served from the build
        // output in every environment ("dotnet run" is Production here), from wwwroot once published.
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddSingleton<LiveStats>();
        builder.Services.AddSingleton<CaseEventHub>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<CaseEventHub>());
        builder.Services.AddSingleton<DeadlineDistance>();
        builder.Services.AddSingleton<OverviewReader>();
    }

    public static void MapPlatformConsole(this WebApplication app)
    {
        app.MapStaticAssets().AllowAnonymous();
        app.MapGet("/api/console/live-path", (LiveStats stats) => stats.Report())
            .RequireAuthorization(Policies.Oversight)
            .WithTags("Console")
            .WithSummary("What this API process's console live path did: case events received, pages rendered, and the real-time delays (ms) from a case's state write to the hub and to a rendered page.");
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

        // Sign-in with a demo identity (embedded mode) or a pasted token: the token goes into the session cookie.
        app.MapPost(SessionPath, async (HttpContext http, IAntiforgery antiforgery, DevTokenIssuer tokens) =>
        {
            if (!http.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(http))
            {
                return Results.BadRequest();
            }

            var form = await http.Request.ReadFormAsync();
            var returnUrl = LocalUrl(form["returnUrl"]);
            string token;
            var start = "/home";
            if (form["identity"].ToString() is { Length: > 0 } identity && tokens.Enabled)
            {
                var parts = identity.Split('|');
                var issued = await tokens.Issue(parts[0], parts.Length > 1 && parts[1].Length > 0 ? parts[1] : null, null);
                (token, start) = (issued.Token, StartPage(issued.Role));
            }
            else if (form["token"].ToString().Trim() is { Length: > 0 } pasted)
            {
                token = pasted;
            }
            else
            {
                return Results.Redirect("/?failed=1");
            }

            DashboardSession.Open(http, token);
            return Results.Redirect(returnUrl ?? start);
        })
        .AllowAnonymous()
        .DisableAntiforgery() // checked above, so a bad token is a 400 rather than an exception
        .ExcludeFromDescription();

        app.MapGet("/console/signout", (HttpContext http) =>
        {
            DashboardSession.Close(http);
            return Results.Redirect("/");
        })
        .AllowAnonymous()
        .ExcludeFromDescription();

        app.MapGet("/console/language", (string? to, string? returnUrl, HttpContext http) =>
        {
            ConsoleLanguage.Choose(http, to ?? ConsoleLanguage.Chinese);
            return Results.Redirect(LocalUrl(returnUrl) ?? "/");
        })
        .AllowAnonymous()
        .ExcludeFromDescription();
    }

    /// <summary>Where each role's work starts: oversight on the overview, staff on their inbox, anyone else on the catalog.</summary>
    public static string StartPage(string role) =>
        Role.IsOversight(role) ? "/overview" : Role.IsDepartmentRole(role) ? "/inbox" : "/catalog";

    public static string StartPage(System.Security.Claims.ClaimsPrincipal user) => StartPage(user.ToActor().Role);

    /// <summary>A return address on this site ("/inbox"), never another ("//evil.example", "https://...").</summary>
    public static string? LocalUrl(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) ? url : null;
}

using System.Globalization;

namespace DataSharing.Api.Console;

/// <summary>
/// The console's two languages: Chinese (the demo province's, the default) and English, chosen with a cookie. The
/// platform runs in globalization-invariant mode, so the language rides on the UI culture as a named copy of the
/// invariant culture (formatting stays invariant; the console writes dates itself, see <see cref="Display"/>). It is
/// set for console requests, and a Blazor circuit keeps the one of the request that opened it.
/// </summary>
public static class ConsoleLanguage
{
    public const string Chinese = "zh-CN";
    public const string English = "en";
    public const string Cookie = "console_lang";

    public static bool IsChinese => CultureInfo.CurrentUICulture.Name != English;

    /// <summary>The label in the reader's language: every console label is written in both, side by side.</summary>
    public static string T(string chinese, string english) => IsChinese ? chinese : english;

    public static void UseConsoleLanguage(this WebApplication app) =>
        app.Use((http, next) =>
        {
            if (Auth.DashboardSession.IsBrowserPage(http.Request.Path))
            {
                CultureInfo.CurrentUICulture = http.Request.Cookies[Cookie] == English ? LabelCulture.English : LabelCulture.Chinese;
            }

            return next(http);
        });

    public static void Choose(HttpContext http, string language) =>
        http.Response.Cookies.Append(Cookie, language == English ? English : Chinese,
            new CookieOptions { Path = "/", SameSite = SameSiteMode.Lax, HttpOnly = true, MaxAge = TimeSpan.FromDays(365) });

    /// <summary>The invariant culture under a language's name (no culture data is needed, or available, for labels).</summary>
    private sealed class LabelCulture(string name) : CultureInfo("")
    {
        public static readonly LabelCulture Chinese = new(ConsoleLanguage.Chinese);
        public static readonly LabelCulture English = new(ConsoleLanguage.English);

        public override string Name => name;
    }
}

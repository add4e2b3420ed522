// The HTTP baseline of bench/run.sh: a minimal API answering a small JSON object, logging at Warning.
// It listens where ASPNETCORE_URLS says (run.sh gives it a free port on 127.0.0.1).
var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
if (string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]) && string.IsNullOrEmpty(builder.Configuration["urls"]))
{
    builder.WebHost.UseUrls("http://127.0.0.1:5080");
}

var app = builder.Build();
app.MapGet("/json", () => Results.Json(new Greeting("Hello, World!", 42)));
app.MapGet("/health", () => Results.Text("Healthy"));
app.Run();

internal sealed record Greeting(string Message, int Number);

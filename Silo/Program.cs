using DataSharing.Silo.Hosting;

namespace DataSharing.Silo;

/// <summary>A silo without the REST API, for cluster mode: API processes connect to it as Orleans clients.</summary>
public static class SiloProgram
{
    public static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddPlatformSilo();
        var app = builder.Build();
        app.MapGet("/health", () => Results.Ok(new { status = "Healthy" }));
        app.Run();
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace DataSharing.Tests.Support;

/// <summary>The API in embedded mode, in-process: one silo on free ports, the demo province seeded.</summary>
public sealed class ApiFactory : WebApplicationFactory<Program>
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Platform:SiloPort", FreePort().ToString());
        builder.UseSetting("Platform:GatewayPort", FreePort().ToString());
        builder.UseSetting("Platform:ClusterId", $"api-tests-{Guid.NewGuid():N}");
    }

    public async Task<HttpClient> ClientFor(string role, string? department = null, string? subject = null)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/dev/tokens", new { role, department, subject });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

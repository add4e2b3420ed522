using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace DataSharing.Tests.Support;

/// <summary>
/// The API in embedded mode, in-process, the demo province seeded. No Orleans ports are configured: embedded mode
/// picks free ones itself, so the many factories of a test run never share a silo.
/// </summary>
public class ApiFactory : WebApplicationFactory<Program>
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    protected override void ConfigureWebHost(IWebHostBuilder builder) =>
        builder.UseSetting("Platform:ClusterId", $"api-tests-{Guid.NewGuid():N}");

    public async Task<HttpClient> ClientFor(string role, string? department = null, string? subject = null)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/dev/tokens", new { role, department, subject });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}

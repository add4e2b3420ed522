using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataSharing.Common;
using DataSharing.Tests.Support;
using Microsoft.AspNetCore.Hosting;

namespace DataSharing.Tests.OpenData;

/// <summary>The API with a low download limit, so that a test reaches it in a few calls.</summary>
public sealed class LowDownloadLimitFactory : ApiFactory
{
    public const int PerMinute = 3;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("OpenData:DownloadsPerMinute", PerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>Open downloads are rate-limited per client (Art 34, 37: open data is for everyone, no one client may take it all).</summary>
public sealed class OpenDownloadLimitTests(LowDownloadLimitFactory api) : IClassFixture<LowDownloadLimitFactory>
{
    // Business registration of market entities: UnconditionalOpen in the demo province.
    private const string OpenEntry = "340000-SC-0001";

    [Fact]
    public async Task Art37_open_downloads_beyond_the_configured_limit_get_429_with_retry_after_per_client()
    {
        var anonymous = api.CreateClient();
        for (var i = 0; i < LowDownloadLimitFactory.PerMinute; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/api/open/datasets/{OpenEntry}/data")).StatusCode);
        }

        var refused = await anonymous.GetAsync($"/api/open/datasets/{OpenEntry}/data");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        var retryAfter = refused.Headers.RetryAfter!.Delta!.Value;
        Assert.InRange(retryAfter, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));

        // Another client (a signed-in member of the public, limited by its subject) still downloads; the catalog is not limited.
        var citizen = await api.ClientFor(Role.Public, subject: "citizen-limit");
        Assert.Equal(HttpStatusCode.OK, (await citizen.GetAsync($"/api/open/datasets/{OpenEntry}/data")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/open/datasets")).StatusCode);
    }
}

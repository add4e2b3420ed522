using System.Net;
using System.Net.Sockets;
using DataSharing.Silo.Hosting;
using DataSharing.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DataSharing.Tests.Api;

/// <summary>Two embedded platforms on one machine, as two terminals running `dotnet run` would start them.</summary>
public sealed class EmbeddedPortTests
{
    /// <summary>The API exactly as `dotnet run` starts it: no ports and no cluster id configured.</summary>
    private sealed class DefaultPlatform : WebApplicationFactory<Program>;

    [Fact]
    public async Task Two_embedded_platforms_pick_free_Orleans_ports_and_never_share_one()
    {
        await using var first = new DefaultPlatform();
        await using var second = new DefaultPlatform();

        Assert.Equal(HttpStatusCode.OK, (await first.CreateClient().GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.CreateClient().GetAsync("/health")).StatusCode);

        var a = first.Services.GetRequiredService<PlatformHostingOptions>();
        var b = second.Services.GetRequiredService<PlatformHostingOptions>();
        int[] ports = [a.SiloPort!.Value, a.GatewayPort!.Value, b.SiloPort!.Value, b.GatewayPort!.Value];
        Assert.Equal(4, ports.Distinct().Count());

        // Each platform is its own cluster of one silo, not two silos of one cluster.
        var demo = await (await first.CreateClient().GetAsync("/health")).Content.ReadAsStringAsync();
        Assert.Contains("1 active silo", demo);
    }

    [Fact]
    public void A_configured_port_that_is_taken_stops_start_up_naming_the_setting_and_the_port()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        using var platform = new DefaultPlatform().WithWebHostBuilder(b => b.UseSetting("Platform:SiloPort", port.ToString()));
        var error = Assert.ThrowsAny<Exception>(() => platform.CreateClient());

        var messages = string.Join(" | ", Chain(error).Select(e => e.Message));
        Assert.Contains($"Platform:SiloPort {port} is already in use", messages);
    }

    private static IEnumerable<Exception> Chain(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            yield return x;
        }
    }
}

using System.Net;
using System.Net.Sockets;
using DataSharing.Common;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Configuration;
using Orleans.Reminders;

namespace DataSharing.Tests.WebConsole;

/// <summary>
/// The platform in embedded mode on a real Kestrel port (a browser needs one), its domain clock and reminders on a
/// clock the test moves, as <see cref="Support.PlatformTestCluster"/> moves the test cluster's.
/// </summary>
public sealed class ConsolePlatform : WebApplicationFactory<Program>
{
    public ConsolePlatform()
    {
        Port = FreePort();
        UseKestrel(Port);
    }

    public int Port { get; }

    public string Address => $"http://127.0.0.1:{Port}";

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Platform:ClusterId", $"console-tests-{Guid.NewGuid():N}");
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(new PlatformClock(Clock));
            services.AddKeyedSingleton<TimeProvider>(ReminderTimeProviderNames.Reminders, Clock);
            services.PostConfigure<ReminderOptions>(o =>
            {
                // Every reminder on a local timer of the fake clock: a jump of days fires exactly the timers due in it.
                o.RefreshReminderListPeriod = TimeSpan.FromSeconds(1);
                o.ReminderLoadingWindow = TimeSpan.FromDays(3650);
            });
        });
    }

    /// <summary>Starts Kestrel and the silo (and seeds the demo province) before a browser opens a page.</summary>
    public void Start() => StartServer();

    public void AdvanceTo(DateTimeOffset instant) => Clock.Advance(instant - Clock.GetUtcNow());

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

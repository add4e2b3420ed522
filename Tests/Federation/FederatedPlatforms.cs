using System.Net.Http.Json;
using System.Text.Json;
using DataSharing.Common;
using DataSharing.Federation;
using DataSharing.Tests.Cluster;

namespace DataSharing.Tests.Federation;

/// <summary>
/// Two platforms as two clusters (a silo and an API each, each its own PostgreSQL database): the province (340000)
/// and Hefei (340100), linked through <see cref="LinkRelay"/>s the tests cut and heal. The province also knows a
/// Wuhu peer (340200) that is not running: the tests hold its private key and speak for it message by message.
/// </summary>
public sealed class FederatedPlatforms : IAsyncLifetime
{
    public const string ProvinceCode = "340000";
    public const string HefeiCode = "340100";
    public const string WuhuCode = "340200";

    public static readonly (string PrivateKey, string PublicKey) ProvinceKeys = Es256MessageSignature.NewKeyPair();
    public static readonly (string PrivateKey, string PublicKey) HefeiKeys = Es256MessageSignature.NewKeyPair();
    public static readonly (string PrivateKey, string PublicKey) WuhuKeys = Es256MessageSignature.NewKeyPair();

    /// <summary>The province's way to Hefei, and Hefei's to the province.</summary>
    public LinkRelay ToHefei { get; } = new(Processes.FreePort());

    public LinkRelay ToProvince { get; } = new(Processes.FreePort());

    public LocalCluster Province { get; private set; } = null!;

    public LocalCluster Hefei { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        ToHefei.Heal();
        ToProvince.Heal();
        var server = TestPostgres.ServerConnectionString;
        var province = LocalCluster.Start(1, server, Settings(ProvinceCode, ProvinceKeys.PrivateKey,
            (HefeiCode, ToHefei.Address.ToString(), HefeiKeys.PublicKey),
            (WuhuCode, $"http://127.0.0.1:{Processes.FreePort()}", WuhuKeys.PublicKey)));
        var hefei = LocalCluster.Start(1, server, Settings(HefeiCode, HefeiKeys.PrivateKey,
            (ProvinceCode, ToProvince.Address.ToString(), ProvinceKeys.PublicKey)));
        Province = await province;
        Hefei = await hefei;
        ToHefei.TargetPort = Hefei.Api.HttpPort;
        ToProvince.TargetPort = Province.Api.HttpPort;
    }

    public void Cut()
    {
        ToHefei.Cut();
        ToProvince.Cut();
    }

    public void Heal()
    {
        ToHefei.Heal();
        ToProvince.Heal();
    }

    /// <summary>Runs <paramref name="during"/> with the link cut both ways, and heals it whatever happens.</summary>
    public async Task<T> WhileCut<T>(Func<Task<T>> during)
    {
        Cut();
        try
        {
            return await during();
        }
        finally
        {
            Heal();
        }
    }

    public Task WhileCut(Func<Task> during) => WhileCut(async () =>
    {
        await during();
        return true;
    });

    private static Dictionary<string, string> Settings(string code, string privateKey, params (string Code, string Url, string Key)[] peers)
    {
        var settings = new Dictionary<string, string>
        {
            ["Federation__PlatformCode"] = code,
            ["Federation__PrivateKey"] = privateKey,
            // Retries soon after a heal, so the test sees the delivery lag the link adds, not a long backoff.
            ["Federation__MinRetryDelay"] = "00:00:00.200",
            ["Federation__MaxRetryDelay"] = "00:00:01",
        };
        for (var i = 0; i < peers.Length; i++)
        {
            settings[$"Federation__Peers__{i}__Code"] = peers[i].Code;
            settings[$"Federation__Peers__{i}__BaseUrl"] = peers[i].Url;
            settings[$"Federation__Peers__{i}__PublicKeys__0"] = peers[i].Key;
        }

        return settings;
    }

    /// <summary>GET /api/federation/links of a platform, as its admin sees it.</summary>
    public static async Task<JsonElement> Links(LocalCluster platform)
    {
        using var admin = await platform.ClientFor(Role.PlatformAdmin);
        return await admin.GetFromJsonAsync<JsonElement>("/api/federation/links");
    }

    public async Task DisposeAsync()
    {
        Cut();
        await Province.DisposeAsync();
        await Hefei.DisposeAsync();
    }
}

using DataSharing.Federation;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace DataSharing.Tests.Federation;

/// <summary>
/// Art 21, 23: what a platform accepts as a peer's read of its data, before any grant is looked at. The read is signed
/// by the leg's sender, and a platform reads only for its own departments; only the province carries a city's read on.
/// </summary>
public sealed class FederationReadTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);
    private static readonly (string PrivateKey, string PublicKey) Province = Es256MessageSignature.NewKeyPair();
    private static readonly (string PrivateKey, string PublicKey) Hefei = Es256MessageSignature.NewKeyPair();
    private static readonly (string PrivateKey, string PublicKey) Wuhu = Es256MessageSignature.NewKeyPair();

    private readonly FakeTimeProvider _clock = new(Now);

    private static FederationOptions Options(string self, string key, params (string Code, string PublicKey)[] peers) => new()
    {
        PlatformCode = self,
        PrivateKey = key,
        Peers = [.. peers.Select(p => new FederationPeer { Code = p.Code, BaseUrl = "http://127.0.0.1:9", PublicKeys = [p.PublicKey] })],
    };

    /// <summary>Wuhu's side: its only peer is the province.</summary>
    private FederationReads WuhuReads(out FederationGate gate)
    {
        var options = Microsoft.Extensions.Options.Options.Create(Options("340200", Wuhu.PrivateKey, ("340000", Province.PublicKey)));
        gate = new FederationGate(options, new Es256MessageSignature(Wuhu.PrivateKey), _clock);
        return new FederationReads(options, new FederationRouting(options), gate, new Es256MessageSignature(Wuhu.PrivateKey), new FederationTransport(options), _clock);
    }

    private static RemoteRead Ask(string from, string to, string origin, string department, string entry = "340200-GA-0001") =>
        new(from, to, "RR-1", Now, origin, "dev:DepartmentOperator", department, entry, ["idNumber"], "Verify identity", 100, null);

    private static string Signed(RemoteRead ask, string key) => new Es256MessageSignature(key).Sign(FederationEnvelope.AskPayload(ask));

    [Fact]
    public async Task Art23_a_read_carried_by_the_province_for_a_city_is_accepted_with_its_origin_and_department()
    {
        WuhuReads(out var gate);
        var ask = await gate.ReadAsked(Signed(Ask("340000", "340200", "340100", "340100-GA"), Province.PrivateKey));

        Assert.Equal(("340000", "340100", "340100-GA", "340200-GA-0001"), (ask.From, ask.Origin, ask.Department, ask.EntryCode));
    }

    [Fact]
    public async Task Art23_a_read_altered_on_the_way_or_signed_by_a_stranger_is_refused()
    {
        WuhuReads(out var gate);
        var token = Signed(Ask("340000", "340200", "340100", "340100-GA"), Province.PrivateKey);
        var parts = token.Split('.');
        var payload = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Decode(parts[1]).Replace("idNumber", "name");
        var tampered = $"{parts[0]}.{Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(payload)}.{parts[2]}";

        Assert.Equal(FederationRejection.BadSignature, (await Assert.ThrowsAsync<FederationRejectedException>(() => gate.ReadAsked(tampered))).Reason);
        var stranger = Signed(Ask("340000", "340200", "340100", "340100-GA"), Es256MessageSignature.NewKeyPair().PrivateKey);
        Assert.Equal(FederationRejection.BadSignature, (await Assert.ThrowsAsync<FederationRejectedException>(() => gate.ReadAsked(stranger))).Reason);
        var stale = Signed(Ask("340000", "340200", "340100", "340100-GA") with { SentAt = Now - TimeSpan.FromMinutes(10) }, Province.PrivateKey);
        Assert.Equal(FederationRejection.TooOld, (await Assert.ThrowsAsync<FederationRejectedException>(() => gate.ReadAsked(stale))).Reason);
    }

    [Theory]
    [InlineData("340100", "340000-GA")] // Hefei's platform, carried by the province, reading for a province department
    [InlineData("340100", "340200-GA")] // ... or for a department of Wuhu, the platform that serves the data
    public async Task Art23_a_platform_reads_only_for_its_own_departments(string origin, string department)
    {
        var reads = WuhuReads(out _);
        var refused = await Assert.ThrowsAsync<FederationRejectedException>(() => reads.Serve(Ask("340000", "340200", origin, department), null!));

        Assert.Equal(FederationRejection.Malformed, refused.Reason);
        Assert.Contains(department, refused.Message);
    }

    [Fact]
    public async Task Art23_only_the_province_carries_another_platform_s_read()
    {
        var options = Microsoft.Extensions.Options.Options.Create(Options("340000", Province.PrivateKey, ("340100", Hefei.PublicKey), ("340200", Wuhu.PublicKey)));
        var gate = new FederationGate(options, new Es256MessageSignature(Province.PrivateKey), _clock);
        var reads = new FederationReads(options, new FederationRouting(options), gate, new Es256MessageSignature(Province.PrivateKey), new FederationTransport(options), _clock);

        // Wuhu passing on a read of Hefei's department is not a level that carries reads (Art 23: level by level).
        var refused = await Assert.ThrowsAsync<FederationRejectedException>(() => reads.Serve(Ask("340200", "340000", "340100", "340100-GA", "340000-GA-0001"), null!));
        Assert.Contains("only this platform's province", refused.Message);
    }
}

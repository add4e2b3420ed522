using DataSharing.Federation;
using Microsoft.Extensions.Options;

namespace DataSharing.Tests.Federation;

/// <summary>Art 23, level by level: which link a message takes, and how it is wrapped for a leg, without a silo.</summary>
public sealed class FederationRoutingTests
{
    private static FederationRouting Platform(string code, params string[] peers) => new(Options.Create(new FederationOptions
    {
        PlatformCode = code,
        PrivateKey = "unused",
        Peers = peers.Select(p => new FederationPeer { Code = p, BaseUrl = $"http://{p}" }).ToList(),
    }));

    [Fact]
    public void Art23_a_city_reaches_another_city_through_the_province_and_the_province_reaches_each_directly()
    {
        var hefei = Platform("340100", "340000");
        Assert.Equal("340000", hefei.NextHop("340000"));
        Assert.Equal("340000", hefei.NextHop("340200"));
        Assert.Null(hefei.NextHop("320100"));          // another province's city: no link leads there

        var province = Platform("340000", "340100", "340200");
        Assert.Equal("340200", province.NextHop("340200"));
        Assert.Null(province.NextHop("340300"));       // a city that is not a peer of its own province
    }

    [Fact]
    public void Art23_a_message_is_wrapped_for_every_leg_but_a_direct_one_and_keeps_its_id()
    {
        var direct = new FederationMessage("SR-1#submit", FederationMessageKinds.ShareRequestSubmitted, "340100", "340000", "SR-1", "{}", DateTimeOffset.UnixEpoch);
        Assert.Same(direct, FederationEffects.Routed(direct, "340100", "340000"));

        var toWuhu = direct with { To = "340200" };
        var first = FederationEffects.Routed(toWuhu, "340100", "340000");
        Assert.Equal((FederationMessageKinds.Relayed, "340100", "340000", "SR-1#submit"), (first.Kind, first.From, first.To, first.Id));

        // The province's leg to Wuhu is signed by the province: the envelope names it, the body keeps Hefei as origin.
        var last = FederationEffects.Routed(toWuhu, "340000", "340200");
        Assert.Equal((FederationMessageKinds.Relayed, "340000", "340200", "SR-1#submit"), (last.Kind, last.From, last.To, last.Id));
        Assert.Contains("\"from\":\"340100\"", last.Body);
    }
}

using DataSharing.Federation;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace DataSharing.Tests.Federation;

/// <summary>
/// Art 23 (platforms interconnected level by level): what a platform accepts from another. Each platform signs with
/// its own key; the receiver knows its peers' public keys and refuses what is altered, unknown, misaddressed or stale.
/// </summary>
public sealed class FederationGateTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);
    private static readonly (string PrivateKey, string PublicKey) Province = Es256MessageSignature.NewKeyPair();
    private static readonly (string PrivateKey, string PublicKey) Hefei = Es256MessageSignature.NewKeyPair();

    private readonly FakeTimeProvider _clock = new(Now);

    /// <summary>The province's gate, knowing Hefei by <paramref name="hefeiKeys"/>.</summary>
    private FederationGate ProvinceGate(params string[] hefeiKeys) => new(Options.Create(new FederationOptions
    {
        PlatformCode = "340000",
        PrivateKey = Province.PrivateKey,
        Peers = [new FederationPeer { Code = "340100", BaseUrl = "http://hefei", PublicKeys = hefeiKeys.Length > 0 ? [.. hefeiKeys] : [Hefei.PublicKey] }],
    }), new Es256MessageSignature(Province.PrivateKey), _clock);

    private static OutboundMessage Message(string from = "340100", string to = "340000", long sequence = 1) =>
        new(sequence, new FederationMessage("SR-1#submit", FederationMessageKinds.ShareRequestSubmitted, from, to, "SR-1", "{\"entryCode\":\"340000-GA-0001\"}", Now), Now);

    private static string Signed(OutboundMessage message, DateTimeOffset sentAt, string? privateKey = null) =>
        new Es256MessageSignature(privateKey ?? Hefei.PrivateKey).Sign(FederationEnvelope.Payload(message, sentAt));

    private static async Task<string> Refusal(Func<Task> act) => (await Assert.ThrowsAsync<FederationRejectedException>(act)).Reason;

    [Fact]
    public async Task Art23_a_message_signed_by_a_peer_is_accepted_with_its_id_sequence_and_body()
    {
        var received = await ProvinceGate().Message(Signed(Message(sequence: 7), Now));

        Assert.Equal(7, received.Sequence);
        Assert.Equal("SR-1#submit", received.Message.Id);
        Assert.Equal("340100", received.Message.From);
        Assert.Equal("{\"entryCode\":\"340000-GA-0001\"}", received.Message.Body);
    }

    [Fact]
    public async Task Art23_a_message_altered_on_the_way_is_refused()
    {
        var token = Signed(Message(), Now);
        var parts = token.Split('.');
        var payload = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Decode(parts[1]).Replace("340000-GA-0001", "340000-GA-0002");
        var tampered = $"{parts[0]}.{Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(payload)}.{parts[2]}";

        Assert.Equal(FederationRejection.BadSignature, await Refusal(() => ProvinceGate().Message(tampered)));
    }

    [Fact]
    public async Task Art23_a_message_signed_with_another_key_than_the_peers_is_refused()
    {
        var impostor = Es256MessageSignature.NewKeyPair();
        Assert.Equal(FederationRejection.BadSignature, await Refusal(() => ProvinceGate().Message(Signed(Message(), Now, impostor.PrivateKey))));
    }

    [Fact]
    public async Task Art23_a_message_from_a_platform_that_is_not_a_peer_is_refused()
    {
        Assert.Equal(FederationRejection.UnknownPeer, await Refusal(() => ProvinceGate().Message(Signed(Message(from: "340200"), Now))));
        Assert.Equal(FederationRejection.Malformed, await Refusal(() => ProvinceGate().Message("not-a-jws")));
    }

    [Fact]
    public async Task Art23_a_message_addressed_to_another_platform_is_refused()
    {
        Assert.Equal(FederationRejection.WrongAddressee, await Refusal(() => ProvinceGate().Message(Signed(Message(to: "340200"), Now))));
    }

    [Fact]
    public async Task Art23_a_message_signed_longer_ago_than_the_window_is_refused_as_a_possible_replay()
    {
        var gate = ProvinceGate();
        var token = Signed(Message(), Now);
        _clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(1, (await gate.Message(token)).Sequence);

        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(FederationRejection.TooOld, await Refusal(() => gate.Message(token)));
        Assert.Equal(FederationRejection.FromTheFuture, await Refusal(() => gate.Message(Signed(Message(), Now + TimeSpan.FromMinutes(20)))));
    }

    [Fact]
    public async Task Art23_during_a_key_rotation_both_the_old_and_the_new_key_verify()
    {
        var next = Es256MessageSignature.NewKeyPair();
        var gate = ProvinceGate(Hefei.PublicKey, next.PublicKey);

        Assert.Equal(1, (await gate.Message(Signed(Message(), Now))).Sequence);
        Assert.Equal(1, (await gate.Message(Signed(Message(), Now, next.PrivateKey))).Sequence);
    }

    [Fact]
    public async Task Art23_an_acknowledgement_is_checked_like_a_message()
    {
        // Hefei's gate, checking the province's acknowledgement of Hefei's message.
        var hefeiGate = new FederationGate(Options.Create(new FederationOptions
        {
            PlatformCode = "340100",
            Peers = [new FederationPeer { Code = "340000", BaseUrl = "http://province", PublicKeys = [Province.PublicKey] }],
        }), new Es256MessageSignature(Hefei.PrivateKey), _clock);
        var ack = new FederationAck("340000", "340100", "SR-1#submit", 1, InboxOutcome.Applied, 2, Now);
        var token = new Es256MessageSignature(Province.PrivateKey).Sign(FederationEnvelope.AckPayload(ack));

        Assert.Equal(ack, await hefeiGate.Ack(token, "340000"));
        Assert.Equal(FederationRejection.BadSignature, await Refusal(() => hefeiGate.Ack(Signed(Message(from: "340000", to: "340100"), Now), "340000")));
    }
}

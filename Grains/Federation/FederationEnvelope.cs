using System.Text.Json;
using System.Text.Json.Serialization;
using DataSharing.Data;

namespace DataSharing.Federation;

/// <summary>
/// The signed body of a message and of an acknowledgement: UTF-8 JSON with its members in a fixed order and no
/// whitespace, so both sides sign and read the same bytes. "iss" is the sender's platform code, "aud" the receiver's,
/// "jti" the message id, "seq" its number on the link, "sent" the instant of this delivery attempt. A read of another
/// platform's data and its answer (<see cref="RemoteRead"/>, <see cref="RemoteReadServed"/>) are signed the same way.
/// </summary>
public static class FederationEnvelope
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static string Payload(OutboundMessage outbound, DateTimeOffset sentAt)
    {
        var m = outbound.Message;
        return JsonSerializer.Serialize(new MessageBody(m.From, m.To, m.Id, outbound.Sequence, m.Kind, m.CaseId, m.CreatedAt, sentAt, m.Body), Json);
    }

    public static InboundMessage Message(string payload, string token)
    {
        var body = Read<MessageBody>(payload);
        return new InboundMessage(body.Seq, new FederationMessage(body.Jti, body.Kind, body.Iss, body.Aud, body.Case, body.Body, body.Created), body.Sent, token);
    }

    public static string AckPayload(FederationAck ack) =>
        JsonSerializer.Serialize(new AckBody(ack.From, ack.To, ack.MessageId, ack.Sequence, ack.Outcome, ack.Expected, ack.SentAt), Json);

    public static FederationAck Ack(string payload)
    {
        var body = Read<AckBody>(payload);
        return new FederationAck(body.Iss, body.Aud, body.Jti, body.Seq, body.Outcome, body.Expected, body.Sent);
    }

    public static string AskPayload(RemoteRead a) =>
        JsonSerializer.Serialize(new ReadBody(a.From, a.To, a.Id, a.SentAt, a.Origin, a.Subject, a.Department, a.EntryCode, a.Items, a.Scenario, a.Limit, a.After, a.CheckOnly), Json);

    public static RemoteRead Ask(string payload)
    {
        var b = Read<ReadBody>(payload);
        return new RemoteRead(b.Iss, b.Aud, b.Jti, b.Sent, b.Origin, b.Sub, b.Department, b.Entry, b.Items, b.Scenario, b.Limit, b.After, b.Check);
    }

    public static string ServedPayload(RemoteReadServed s) => JsonSerializer.Serialize(new ServedBody(s.From, s.To, s.Id, s.SentAt, s.ServedBy, s.Result), Json);

    public static RemoteReadServed Served(string payload)
    {
        var b = Read<ServedBody>(payload);
        return new RemoteReadServed(b.Iss, b.Aud, b.Jti, b.Sent, b.ServedBy, b.Result);
    }

    private static T Read<T>(string payload)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(payload, Json) ?? throw new FederationRejectedException(FederationRejection.Malformed, "The body is empty.");
        }
        catch (JsonException e)
        {
            throw new FederationRejectedException(FederationRejection.Malformed, $"The body is not a message: {e.Message}");
        }
    }

    private sealed record MessageBody(
        string Iss, string Aud, string Jti, long Seq, string Kind, string Case, DateTimeOffset Created, DateTimeOffset Sent, string Body);

    private sealed record ReadBody(
        string Iss, string Aud, string Jti, DateTimeOffset Sent, string Origin, string Sub, string Department, string Entry,
        IReadOnlyList<string> Items, string Scenario, int Limit, string? After, bool Check);

    private sealed record ServedBody(string Iss, string Aud, string Jti, DateTimeOffset Sent, string ServedBy, DataReadResult Result);

    private sealed record AckBody(string Iss, string Aud, string Jti, long Seq, InboxOutcome Outcome, long Expected, DateTimeOffset Sent);
}

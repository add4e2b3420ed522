using DataSharing.Audit;
using DataSharing.Common;

namespace DataSharing.Federation;

/// <summary>
/// The federation log: every signed message a platform sent or applied and every acknowledgement, as records of the
/// platform's hash chain (<see cref="AuditChain"/>), so one verification covers both and a removed or altered message
/// breaks it. Each direction of a link is one "case" ("FL-340100-340000"); the record keeps the compact JWS itself,
/// which anyone with the peer's public key can check again.
/// </summary>
public static class FederationLog
{
    public const string CaseKind = "federation";

    public static string LinkId(string from, string to) => $"FL-{from}-{to}";

    /// <param name="action">"send" or "receive" for the message, "ack" for the acknowledgement of it.</param>
    public static AuditEntry Entry(string self, string from, string to, long sequence, string action, FederationMessage message, string token, DateTimeOffset at) =>
        new($"{LinkId(from, to)}:{sequence}:{action}", at, new Actor($"platform:{self}", Role.FederationPeer, null), [],
            CaseKind, LinkId(from, to), action, $"{message.Kind} {message.Id} seq {sequence}", token);
}

namespace DataSharing.Federation;

/// <summary>The receiver's signed answer to one message: applied, already applied, or where to resend from.</summary>
public sealed record FederationAck(
    string From, string To, string MessageId, long Sequence, InboxOutcome Outcome, long Expected, DateTimeOffset SentAt);

namespace DataSharing.Federation;

/// <summary>Why a receiver refused a message outright (the sender's link shows it; nothing of it is applied).</summary>
public static class FederationRejection
{
    public const string Malformed = "malformed";
    public const string UnknownPeer = "unknown-peer";
    public const string BadSignature = "bad-signature";
    public const string WrongAddressee = "wrong-addressee";
    public const string TooOld = "too-old";
    public const string FromTheFuture = "from-the-future";
    public const string NotFederated = "not-federated";
}

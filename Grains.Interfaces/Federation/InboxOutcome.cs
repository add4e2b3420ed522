namespace DataSharing.Federation;

/// <summary>What the receiver did with a message.</summary>
public enum InboxOutcome
{
    /// <summary>The next in sequence: its effect is applied.</summary>
    Applied,
    /// <summary>Already applied (a retry whose acknowledgement was lost, or a replay): acknowledged again, applied once.</summary>
    Duplicate,
    /// <summary>Ahead of the sequence: refused; the answer names the sequence number to resend from.</summary>
    Gap,
}

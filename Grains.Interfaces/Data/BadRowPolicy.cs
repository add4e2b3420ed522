namespace DataSharing.Data;

/// <summary>What a bad row does to its upload; the provider chooses per upload.</summary>
public enum BadRowPolicy
{
    /// <summary>One bad row rejects the whole upload: nothing is applied, every error is reported.</summary>
    Reject,

    /// <summary>Good rows are applied; bad rows are kept aside (quarantined) and reported with their line and field.</summary>
    Quarantine,
}

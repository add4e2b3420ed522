namespace DataSharing.Audit;

/// <summary>The embedded-mode audit chain (a singleton: key <see cref="Key"/>).</summary>
public interface IAuditChainGrain : IGrainWithStringKey
{
    const string Key = "audit";

    Task Append(IReadOnlyList<AuditEntry> entries);

    Task<IReadOnlyList<AuditRecord>> Records(long afterSequence, int limit);
}

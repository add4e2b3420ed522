using DataSharing.Assessment;
using DataSharing.Audit;
using DataSharing.Calendar;
using DataSharing.Cases;
using DataSharing.Catalog;
using DataSharing.Data;
using DataSharing.Departments;
using DataSharing.Federation;
using DataSharing.Sharing;

namespace DataSharing.Hosting;

/// <summary>
/// The embedded mode's stores of what grows without bound (audit chain, access checks, read model, ...): in memory,
/// appended in O(1) and read through indexes. One instance serves the process; an in-process test cluster gives the
/// same instance to all its silos, as a cluster's silos share one database.
/// </summary>
public sealed class EmbeddedStores
{
    public EmbeddedStores()
    {
        AccessChecks = new InMemoryAccessCheckLog(Audit);
    }

    public InMemoryAuditLog Audit { get; } = new();

    public InMemoryAccessCheckLog AccessChecks { get; }

    public InMemoryShareRequestReadModel ShareRequests { get; } = new();

    public InMemoryCaseListStore CaseLists { get; } = new();

    public InMemoryAssessmentStore Assessments { get; } = new();

    public InMemoryViolationStore Violations { get; } = new();

    public InMemoryCatalogListStore Catalog { get; } = new();

    public InMemoryCatalogHistoryStore CatalogHistory { get; } = new();

    public InMemoryProvisionalWatcherStore ProvisionalWatchers { get; } = new();

    public InMemoryDataRecordStore DataRecords { get; } = new();

    public InMemoryFederationOutbox FederationOutbox { get; } = new();
}

using DataSharing.Common;

namespace DataSharing.CatalogChanges;

public enum CatalogChangeAction
{
    RecordUpdate,
    Report,
    MarkOverdue,
}

/// <summary>Art 15 as plain code: update within 10 working days of the change, then report within 3.</summary>
public static class CatalogChangeStateMachine
{
    public static CatalogChangeStatus? Next(CatalogChangeStatus current, CatalogChangeAction action) => (current, action) switch
    {
        // A late update or report is still made (and recorded as late): the obligation does not lapse.
        (CatalogChangeStatus.AwaitingUpdate or CatalogChangeStatus.UpdateOverdue, CatalogChangeAction.RecordUpdate) => CatalogChangeStatus.AwaitingReport,
        (CatalogChangeStatus.AwaitingReport or CatalogChangeStatus.ReportOverdue, CatalogChangeAction.Report) => CatalogChangeStatus.Reported,
        (CatalogChangeStatus.AwaitingUpdate, CatalogChangeAction.MarkOverdue) => CatalogChangeStatus.UpdateOverdue,
        (CatalogChangeStatus.AwaitingReport, CatalogChangeAction.MarkOverdue) => CatalogChangeStatus.ReportOverdue,
        _ => null,
    };

    public static CatalogChangeStatus Apply(string id, CatalogChangeStatus current, CatalogChangeAction action) =>
        Next(current, action) ?? throw new IllegalTransitionException(id, current.ToString(), action.ToString().ToLowerInvariant());

    /// <summary>The deadline running in a state, if any.</summary>
    public static Deadline? Running(CatalogChangeView change) => change.Status switch
    {
        CatalogChangeStatus.AwaitingUpdate => change.UpdateDeadline,
        CatalogChangeStatus.AwaitingReport => change.ReportDeadline,
        _ => null,
    };
}

using DataSharing.Common;

namespace DataSharing.Incidents;

/// <summary>One security incident on a catalog entry (Art 41), keyed by incident id; a case in the data authority's lists.</summary>
public interface IIncidentGrain : IGrainWithStringKey
{
    /// <summary>
    /// Records the incident, suspends the entry's grants if asked, and informs every department that holds a grant of the
    /// entry or used it in the leak period (one <see cref="IIncidentNoticeGrain"/> each). Recording again with the same
    /// report returns the incident (and finishes what a failure left undone).
    /// </summary>
    Task<IncidentView> Record(ReportIncident report, Actor by);

    /// <summary>Closes the incident with what was done about it, and lifts its suspension.</summary>
    Task<IncidentView> Close(string remedy, Actor by);

    Task<IncidentView?> Get();
}

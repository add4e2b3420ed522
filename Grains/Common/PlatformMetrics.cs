using System.Diagnostics.Metrics;

namespace DataSharing.Common;

/// <summary>
/// The platform's own instruments (meter <see cref="MeterName"/>), exported through OpenTelemetry by the hosts:
/// how many cases are submitted, answered and overdue, and how late deadline reminders fire.
/// </summary>
public sealed class PlatformMetrics
{
    public const string MeterName = "DataSharing.Platform";

    private readonly Counter<long> _submitted;
    private readonly Counter<long> _answered;
    private readonly Counter<long> _overdue;
    private readonly Histogram<double> _reminderLateness;

    public PlatformMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _submitted = meter.CreateCounter<long>("datasharing.cases.submitted", "{case}", "Cases submitted, by case kind and initial state.");
        _answered = meter.CreateCounter<long>("datasharing.cases.answered", "{case}", "Cases answered, by case kind, outcome and lateness.");
        _overdue = meter.CreateCounter<long>("datasharing.cases.overdue", "{case}", "Cases that passed their deadline unanswered.");
        _reminderLateness = meter.CreateHistogram<double>("datasharing.reminders.lateness", "s",
            "How long after the due instant a deadline reminder was acted on.");
    }

    public void Submitted(string kind, string state) =>
        _submitted.Add(1, new("case.kind", kind), new("case.state", state));

    public void Answered(string kind, string outcome, bool late) =>
        _answered.Add(1, new("case.kind", kind), new("case.outcome", outcome), new("case.late", late));

    public void Overdue(string kind) => _overdue.Add(1, new KeyValuePair<string, object?>("case.kind", kind));

    public void ReminderLateness(string kind, TimeSpan lateness) =>
        _reminderLateness.Record(Math.Max(0, lateness.TotalSeconds), new KeyValuePair<string, object?>("case.kind", kind));
}

using DataSharing.Calendar;
using DataSharing.Cases;
using DataSharing.Common;
using Orleans.Runtime;

namespace DataSharing.Assessment;

public sealed class AssessmentGrain(
    [PersistentState("assessment", StorageNames.Platform)] IPersistentState<AssessmentGrain.State> state)
    : Grain, IAssessmentGrain
{
    public async Task Record(AssessedCase assessed)
    {
        if (state.State.Cases.TryGetValue(assessed.CaseId, out var known) && known.Version >= assessed.Version)
        {
            return;
        }

        state.State.Cases[assessed.CaseId] = assessed;
        await state.WriteStateAsync();
    }

    public async Task<DepartmentAssessment> Assess()
    {
        var key = this.GetPrimaryKeyString();
        var slash = key.LastIndexOf('/');
        var counted = state.State.Cases.Values.Where(c => c.Timeliness != Timeliness.Excluded).ToList();
        List<AssessedCase> Of(string kind) => counted.Where(c => c.Kind == kind).ToList();

        var shareRequests = Of(CaseKinds.ShareRequest);
        var answered = shareRequests.Where(c => c.AnsweredOn is not null).Select(c => (c.ReceivedOn, c.AnsweredOn!.Value)).ToList();
        var days = answered.Count == 0
            ? []
            : await GrainFactory.GetGrain<IWorkingDayCalendarGrain>(IWorkingDayCalendarGrain.Key).WorkingDaysBetween(answered);
        var notices = Of(CaseKinds.RectificationNotice);
        return new DepartmentAssessment(
            key[..slash], int.Parse(key[(slash + 1)..]),
            TimelinessCounts.Of(shareRequests), Median(days),
            TimelinessCounts.Of(Of(CaseKinds.Review)),
            TimelinessCounts.Of(Of(CaseKinds.CatalogChange)),
            notices.Count(n => n.Timeliness is Timeliness.Pending or Timeliness.Overdue),
            notices.Count(n => n.Timeliness is Timeliness.OnTime or Timeliness.Late));
    }

    private static double? Median(IReadOnlyList<int> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
    }

    [GenerateSerializer, Alias("AssessmentState")]
    public sealed class State
    {
        [Id(0)] public Dictionary<string, AssessedCase> Cases { get; set; } = [];
    }
}

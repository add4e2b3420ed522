using DataSharing.Departments;
using DataSharing.Federation;

namespace DataSharing.Assessment;

/// <summary>
/// A city's assessment fact (Art 42) as it travels up to the province (<see cref="FederationMessageKinds.AssessmentReported"/>),
/// with its department's profile: the province's directory holds its own departments, and its assessment (API, CSV,
/// console) lists the departments of its directory, so a reported department is added there to be assessed with the rest.
/// </summary>
public sealed record AssessmentReport(AssessedCase Fact, DepartmentProfile? Department)
{
    /// <summary>
    /// On the province: records the fact (an older version never replaces a newer one, the same one changes nothing) of
    /// one of the sender's own departments.
    /// </summary>
    public static async Task Apply(IGrainFactory grains, AssessmentReport report, FederationMessage message)
    {
        FederationRouting.EnsureOwn(message.From, report.Fact.Department, $"{message.Id}: an assessment fact");

        if (report.Department is { } profile && profile.Code == report.Fact.Department)
        {
            await grains.GetGrain<IDepartmentDirectoryGrain>(IDepartmentDirectoryGrain.Key).Add(profile);
        }

        await grains.GetGrain<IAssessmentGrain>(0).Record(report.Fact);
    }
}

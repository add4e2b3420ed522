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
    /// On the province: records the fact (an older version never replaces a newer one, the same one changes nothing).
    /// A platform reports only its own departments' facts: another's would put words in that platform's mouth.
    /// </summary>
    public static async Task Apply(IGrainFactory grains, AssessmentReport report, FederationMessage message)
    {
        if (FederationRouting.PlatformOf(report.Fact.Department) != message.From)
        {
            throw new FederationRejectedException(FederationRejection.Malformed,
                $"{message.Id}: {message.From} reported an assessment of {report.Fact.Department}, a department of another platform.");
        }

        if (report.Department is { } profile && profile.Code == report.Fact.Department)
        {
            await grains.GetGrain<IDepartmentDirectoryGrain>(IDepartmentDirectoryGrain.Key).Add(profile);
        }

        await grains.GetGrain<IAssessmentGrain>(0).Record(report.Fact);
    }
}

namespace DataSharing.Assessment;

/// <summary>The cases one department answered for in one year (Art 42), keyed by <see cref="KeyOf"/>.</summary>
public interface IAssessmentGrain : IGrainWithStringKey
{
    static string KeyOf(string department, int year) => $"{department}/{year}";

    Task Record(AssessedCase assessed);

    Task<DepartmentAssessment> Assess();
}

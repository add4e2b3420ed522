using DataSharing.Common;

namespace DataSharing.OpenData;

/// <summary>One application of a member of the public for conditionally open data (Art 36), keyed by its id.</summary>
public interface IOpenApplicationGrain : IDeadlineBearer
{
    /// <summary>Files it; the provider's answer is due within the rulebook's working days. Filing again with the same content is a no-op.</summary>
    Task<OpenApplicationView> Apply(OpenApplication application, Actor applicant);

    /// <summary>The provider approves with conditions, for the items asked for or the <paramref name="dataItems"/> among them.</summary>
    Task<OpenApplicationView> Approve(string conditions, IReadOnlyList<string>? dataItems, Actor by);

    /// <summary>The provider refuses, saying why and on which legal basis.</summary>
    Task<OpenApplicationView> Refuse(string reason, string legalBasis, Actor by);

    Task<OpenApplicationView?> Get();
}

namespace DataSharing.Cases;

/// <summary>
/// The cases of one kind that concern one department (its inbox for that kind), keyed "kind/department". Each
/// case upserts its summary after every write and on activation, so a crash between the two heals when the case
/// is next touched; an older version never overwrites a newer one.
/// </summary>
public interface ICaseIndexGrain : IGrainWithStringKey
{
    static string KeyOf(string kind, string department) => $"{kind}/{department}";

    Task Upsert(CaseSummary summary);

    Task<IReadOnlyList<CaseSummary>> List();
}

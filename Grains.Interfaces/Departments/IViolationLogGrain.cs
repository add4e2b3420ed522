using DataSharing.Common;

namespace DataSharing.Departments;

/// <summary>
/// The violation records (Art 43): recorded by the cases that find them, listed for the authority and per department.
/// A stateless worker: the records live in the hosting mode's violation store, not in the department's grain.
/// </summary>
public interface IViolationLogGrain : IGrainWithIntegerKey
{
    /// <summary>Records a violation; recording the same one (same id) again keeps one record.</summary>
    Task Record(ViolationRecord violation);

    /// <summary>Every department's violations, newest first.</summary>
    Task<Page<ViolationRecord>> List(PageRequest page);

    /// <summary>The violations of one department, newest first.</summary>
    Task<Page<ViolationRecord>> ListOf(string department, PageRequest page);
}

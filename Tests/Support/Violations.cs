using DataSharing.Common;
using DataSharing.Departments;

namespace DataSharing.Tests.Support;

public static class Violations
{
    /// <summary>A department's violation records (the tests' departments have far fewer than a page).</summary>
    public static async Task<IReadOnlyList<ViolationRecord>> Of(IGrainFactory grains, string department) =>
        (await grains.GetGrain<IViolationLogGrain>(0).ListOf(department, new PageRequest(PageRequest.MaxLimit))).Items;
}

using System.Security.Cryptography;
using DataSharing.Common;

namespace DataSharing.Api.Endpoints;

public static class CaseIds
{
    /// <summary>"SR-20261125-3F9A0C12": a kind prefix, the Shanghai date of receipt, for people, and randomness, for uniqueness.</summary>
    public static string New(string prefix, TimeProvider time) =>
        $"{prefix}-{ShanghaiTime.DateOf(time.GetUtcNow()):yyyyMMdd}-{Convert.ToHexString(RandomNumberGenerator.GetBytes(5))}";

    public static Func<Task<string>> Factory(string prefix, TimeProvider time) => () => Task.FromResult(New(prefix, time));
}

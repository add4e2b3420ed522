using DataSharing.Catalog;
using DataSharing.Common;
using Microsoft.Extensions.Options;

namespace DataSharing.Federation;

/// <summary>
/// Which platform a department or an entry belongs to: codes start with the platform's division code
/// ("340100-GA", "340000-GA-0001"). An entry of another platform is requested from that platform.
/// </summary>
public sealed class FederationRouting(IOptions<FederationOptions> options)
{
    public string? LocalPlatform => options.Value.Enabled ? options.Value.PlatformCode : null;

    public static string PlatformOf(string departmentOrEntryCode) =>
        departmentOrEntryCode.IndexOf('-') is > 0 and var dash ? departmentOrEntryCode[..dash] : departmentOrEntryCode;

    /// <summary>
    /// The platform that owns the entry when it is not this one; null for a local entry, an unfederated platform, and a
    /// code that names no platform (six digits), which is this platform's to refuse as it would any malformed code.
    /// </summary>
    public string? RemotePlatformOfEntry(string entryCode)
    {
        if (LocalPlatform is not { } local)
        {
            return null;
        }

        var platform = PlatformOf(CatalogCodes.DepartmentOf(entryCode));
        return platform == local || platform.Length != 6 || !platform.All(char.IsAsciiDigit) ? null : platform;
    }

    public bool IsPeer(string platform) => options.Value.Peer(platform) is not null;

    /// <summary>
    /// The province a record of <paramref name="department"/> (a violation, an assessment fact) is reported up to
    /// (Art 42, 43, level by level): this city's province when the department is the city's own; otherwise null.
    /// </summary>
    public string? ReportsUpTo(string department) => Province is { } province && PlatformOf(department) == LocalPlatform ? province : null;

    /// <summary>
    /// Refuses what <paramref name="platform"/> says about <paramref name="department"/> unless it is one of its own:
    /// a platform speaks for its own departments only (another's would put words in that platform's mouth).
    /// </summary>
    /// <param name="what">What was said, for the refusal: "SR-1#submit: a violation report".</param>
    public static void EnsureOwn(string platform, string department, string what, string? peer = null)
    {
        if (PlatformOf(department) != platform)
        {
            throw new FederationRejectedException(FederationRejection.Malformed,
                $"{what}: platform {platform} speaks for {department}, a department of another platform.", peer);
        }
    }

    /// <summary>Who acts on this platform for a person of <paramref name="platform"/> (Art 38: the act names who did it, and where).</summary>
    public static Actor PersonOf(string subject, string platform, string? department) => new($"{subject}@platform:{platform}", Role.FederationPeer, department);

    /// <summary>
    /// The province a city platform reports up to (Art 23, level by level): its division code's first two digits and
    /// "0000", when that is a peer; null on the province itself and on an unfederated platform.
    /// </summary>
    public string? Province => LocalPlatform is { } local && ProvinceOf(local) is { } province && province != local && IsPeer(province)
        ? province
        : null;

    /// <summary>
    /// The peer a message for <paramref name="platform"/> is handed to: the platform itself when it is a peer; otherwise
    /// the province of its division code (the first two digits and "0000": a city reaches another city through the
    /// province, Art 23 level by level) when that is a peer and not this platform; null when there is no way.
    /// </summary>
    public string? NextHop(string platform)
    {
        if (IsPeer(platform))
        {
            return platform;
        }

        var province = ProvinceOf(platform);
        return province is not null && province != LocalPlatform && IsPeer(province) ? province : null;
    }

    /// <summary>The province of a platform's six-digit division code: its first two digits and "0000".</summary>
    public static string? ProvinceOf(string platform) => platform.Length == 6 ? platform[..2] + "0000" : null;

    /// <summary>The platform codes of every configured peer (none on an unfederated platform).</summary>
    public IEnumerable<string> Peers => options.Value.Enabled ? options.Value.Peers.Select(p => p.Code) : [];
}

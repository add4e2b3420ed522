using DataSharing.Catalog;
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

    /// <summary>The platform that owns the entry when it is not this one; null for a local entry or an unfederated platform.</summary>
    public string? RemotePlatformOfEntry(string entryCode)
    {
        if (LocalPlatform is not { } local)
        {
            return null;
        }

        var platform = PlatformOf(CatalogCodes.DepartmentOf(entryCode));
        return platform == local ? null : platform;
    }

    public bool IsPeer(string platform) => options.Value.Peer(platform) is not null;

    /// <summary>
    /// The province a city platform reports up to (Art 23, level by level): its division code's first two digits and
    /// "0000", when that is a peer; null on the province itself and on an unfederated platform.
    /// </summary>
    public string? Province => LocalPlatform is { Length: 6 } local && local[..2] + "0000" is var province && province != local && IsPeer(province)
        ? province
        : null;
}

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

    /// <summary>The platform codes of every configured peer (none on an unfederated platform).</summary>
    public IEnumerable<string> Peers => options.Value.Enabled ? options.Value.Peers.Select(p => p.Code) : [];
}

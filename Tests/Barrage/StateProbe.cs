using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace DataSharing.Tests.Barrage;

/// <summary>
/// What a refused request must not have changed, read through the API itself and compared as raw bytes, so it holds
/// whatever shape the lists take (arrays today, pages tomorrow): the audit chain's length and integrity, every
/// GET of the attacked resource (its lists and its fixture case), and the lists every act can touch (the catalog,
/// the departments, the calendar, the violations).
/// </summary>
public sealed partial class StateProbe(ApiSurface surface, HostileRequests requests, Func<Operation, HttpClient> clientFor)
{
    private static readonly string[] Everywhere = ["/api/audit/verify", "/api/catalog", "/api/departments", "/api/calendar/years", "/api/violations"];

    public int Reads { get; private set; }

    /// <summary>The resource an operation belongs to: "/api/share-requests/{id}/approve" → "/api/share-requests".</summary>
    public static string GroupOf(string path) => string.Join('/', path.Split('/').Take(3));

    public async Task<string> Take(Operation attacked)
    {
        var group = GroupOf(attacked.Path);
        var reads = surface.Operations
            .Where(o => o is { Documented: true, Method: "GET" } && (GroupOf(o.Path) == group || Everywhere.Contains(o.Path)))
            .OrderBy(o => o.Path, StringComparer.Ordinal);
        var snapshot = new StringBuilder();
        foreach (var read in reads)
        {
            var url = requests.Url(read);
            var response = await clientFor(read).GetAsync(url);
            // A problem carries the request's trace id, and a verification how long it took: both differ every time, the
            // rest does not.
            var body = Timing().Replace(TraceId().Replace(await response.Content.ReadAsStringAsync(), ""), "");
            Reads++;
            snapshot.Append(url).Append(' ').Append((int)response.StatusCode).Append(' ')
                .AppendLine(Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(body)))[..16]);
        }

        return snapshot.ToString();
    }

    [GeneratedRegex("\"traceId\":\"[^\"]*\"")]
    private static partial Regex TraceId();

    [GeneratedRegex("\"(elapsedSeconds|recordsPerSecond)\":[^,}]*")]
    private static partial Regex Timing();

    /// <summary>The lines of two snapshots that differ, for the failure message.</summary>
    public static string Difference(string before, string after) =>
        string.Join("; ", after.Split('\n').Except(before.Split('\n')).Where(l => l.Length > 0));
}

using DataSharing.Tests.Support;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace DataSharing.Tests.Cluster;

/// <summary>Share-request traffic against a <see cref="LocalCluster"/>, with what the platform acknowledged.</summary>
public static class ClusterScenario
{
    public const string Requester = "340000-RS";
    public const string Provider = "340000-GA";

    public static object Request(string scenario) => new
    {
        entryCode = "340000-GA-0001",
        dataItems = new[] { "name", "idNumber" },
        scenario,
        periodFrom = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd"),
        periodTo = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(365).ToString("yyyy-MM-dd"),
        materials = new[] { new { name = "Official letter of request", reference = "RS-1" }, new { name = "Data security commitment", reference = "RS-2" } },
    };

    public sealed record Attempt(string Key, HttpStatusCode? Status, string? Id, TimeSpan Took, string? Error);

    public static async Task<Attempt> Submit(HttpClient client, string scenario, string key)
    {
        var started = DateTime.UtcNow;
        try
        {
            var message = new HttpRequestMessage(HttpMethod.Post, "/api/share-requests") { Content = JsonContent.Create(Request(scenario)) };
            message.Headers.Add("Idempotency-Key", key);
            var response = await client.SendAsync(message);
            string? id = null;
            if (response.StatusCode == HttpStatusCode.Created)
            {
                id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
            }

            return new Attempt(key, response.StatusCode, id, DateTime.UtcNow - started, null);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return new Attempt(key, null, null, DateTime.UtcNow - started, e.GetType().Name);
        }
    }

    public static async Task<JsonElement?> Get(HttpClient client, string id)
    {
        var response = await client.GetAsync($"/api/share-requests/{id}");
        return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<JsonElement>() : null;
    }

    /// <summary>
    /// The request once the cluster answers for it: a 503 (its grain lived on a silo not yet declared dead) is
    /// retried for up to <paramref name="within"/>; a 404 means it is not there.
    /// </summary>
    public static async Task<(HttpStatusCode Status, JsonElement? Request)> GetSettled(HttpClient client, string id, TimeSpan within)
    {
        var until = DateTime.UtcNow + within;
        while (true)
        {
            HttpStatusCode status;
            try
            {
                var response = await client.GetAsync($"/api/share-requests/{id}");
                status = response.StatusCode;
                if (status != HttpStatusCode.ServiceUnavailable)
                {
                    return (status, status == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<JsonElement>() : null);
                }
            }
            catch (TaskCanceledException)
            {
                status = HttpStatusCode.GatewayTimeout;
            }

            if (DateTime.UtcNow > until)
            {
                return (status, null);
            }

            await Task.Delay(500);
        }
    }

    public static async Task<HashSet<string>> Outbox(HttpClient client) =>
        (await Pages.All(client, "/api/share-requests/outbox"))
            .Select(r => r.GetProperty("id").GetString()!).ToHashSet();

    /// <summary>Polls until every id has the status, or the bound passes; returns the ones that do not.</summary>
    public static async Task<List<string>> WaitForStatus(HttpClient client, IEnumerable<string> ids, string status, TimeSpan within)
    {
        var pending = ids.ToList();
        var until = DateTime.UtcNow + within;
        while (pending.Count > 0 && DateTime.UtcNow < until)
        {
            var still = new List<string>();
            foreach (var id in pending)
            {
                var request = await Get(client, id);
                if (request?.GetProperty("status").GetString() != status)
                {
                    still.Add(id);
                }
            }

            pending = still;
            if (pending.Count > 0)
            {
                await Task.Delay(500);
            }
        }

        return pending;
    }
}

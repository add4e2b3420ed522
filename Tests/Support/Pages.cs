using System.Net.Http.Json;
using System.Text.Json;

namespace DataSharing.Tests.Support;

/// <summary>The API's paged lists ({ "items": [...], "next": cursor }), read whole for assertions.</summary>
public static class Pages
{
    public static IEnumerable<JsonElement> Items(this JsonElement page) => page.GetProperty("items").EnumerateArray();

    /// <summary>Every item of a list, following its cursors page by page.</summary>
    public static async Task<List<JsonElement>> All(HttpClient client, string path, int limit = 100)
    {
        var items = new List<JsonElement>();
        var separator = path.Contains('?') ? '&' : '?';
        for (string? after = null; ;)
        {
            var url = $"{path}{separator}limit={limit}" + (after is null ? "" : $"&after={Uri.EscapeDataString(after)}");
            var page = await client.GetFromJsonAsync<JsonElement>(url);
            items.AddRange(page.Items());
            if (page.GetProperty("next").ValueKind != JsonValueKind.String)
            {
                return items;
            }

            after = page.GetProperty("next").GetString();
        }
    }
}

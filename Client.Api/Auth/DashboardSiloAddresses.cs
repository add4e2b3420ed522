using DataSharing.Common;
using Orleans.Runtime;

namespace DataSharing.Api.Auth;

/// <summary>
/// The dashboard's silo pages take a silo address from the path and parse it without a guard, so a mistyped one
/// was a 500. Checked first here: an address that does not parse is a 400 naming the parameter, one that parses but
/// is no active silo of this cluster a 404.
/// </summary>
public static class DashboardSiloAddresses
{
    public static async ValueTask<object?> Check(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (ParameterOf(http) is { } parameter)
        {
            var text = http.Request.RouteValues[parameter] as string;
            var address = Parse(text, parameter);
            var hosts = await http.RequestServices.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
            if (!hosts.ContainsKey(address))
            {
                throw new NotFoundException("Silo", text!);
            }
        }

        return await next(context);
    }

    /// <summary>The route parameter holding a silo address: "address", or the historical statistics' "path".</summary>
    private static string? ParameterOf(HttpContext http)
    {
        var pattern = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern;
        return pattern?.GetParameter("address") is not null ? "address"
            : pattern?.RawText?.Contains("/HistoricalStats/", StringComparison.Ordinal) == true ? "path"
            : null;
    }

    private static SiloAddress Parse(string? text, string parameter)
    {
        try
        {
            return SiloAddress.FromParsableString(text!);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or IndexOutOfRangeException or OverflowException or NullReferenceException)
        {
            throw new ValidationFailedException(parameter, $"{parameter} is not a silo address (written ip:port@generation, as the dashboard lists them).");
        }
    }
}

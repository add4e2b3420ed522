using DataSharing.Common;

namespace DataSharing.Api.Endpoints;

/// <summary>
/// Every value in a path ({id}, {code}, {year}) is an id, checked before the handler asks a grain for it: a blank or
/// malformed one is a 400 naming the parameter, where Orleans itself would refuse the grain key with a 500.
/// </summary>
public static class RouteIds
{
    public static async ValueTask<object?> Check(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        foreach (var (name, value) in context.HttpContext.Request.RouteValues)
        {
            Require.Id(value as string, name);
        }

        return await next(context);
    }
}

using DataSharing.Api.Problems;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace DataSharing.Api.Hosting;

/// <summary>
/// Refuses a declared oversized body with a 413 problem before anything reads it. Kestrel's own limit
/// (<c>MaxRequestBodySize</c>, set to the same value) covers bodies sent without a Content-Length. An endpoint that
/// takes files (a data upload, the catalog import) declares its own limit as <see cref="IRequestSizeLimitMetadata"/>;
/// routing has chosen the endpoint by the time this runs, so its limit replaces the default, Kestrel's included.
/// </summary>
public static class RequestSizeLimit
{
    public static IApplicationBuilder UseRequestSizeLimit(this IApplicationBuilder app, long maxBytes) =>
        app.Use(async (http, next) =>
        {
            var limit = http.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? maxBytes;
            if (http.Request.ContentLength > limit)
            {
                await ProblemWriter.Write(http, StatusCodes.Status413PayloadTooLarge, "Request body too large",
                    $"The body is {http.Request.ContentLength} bytes; the limit is {limit}.", new Dictionary<string, object?> { ["field"] = "body" });
                return;
            }

            if (limit != maxBytes && http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            {
                feature.MaxRequestBodySize = limit;
            }

            await next(http);
        });
}

using DataSharing.Api.Problems;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace DataSharing.Api.Hosting;

/// <summary>
/// Refuses a declared oversized body with a 413 problem before anything reads it. Kestrel's own limit
/// (<c>MaxRequestBodySize</c>, set to the same value) covers bodies sent without a Content-Length. An endpoint that
/// takes large bodies (a data upload) states its own limit with <see cref="IRequestSizeLimitMetadata"/>, which both
/// checks then apply to it.
/// </summary>
public static class RequestSizeLimit
{
    public static IApplicationBuilder UseRequestSizeLimit(this IApplicationBuilder app, long maxBytes) =>
        app.Use(async (http, next) =>
        {
            var limit = maxBytes;
            if (http.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize is { } endpointMax)
            {
                limit = endpointMax;
                if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } kestrel)
                {
                    kestrel.MaxRequestBodySize = endpointMax;
                }
            }

            if (http.Request.ContentLength > limit)
            {
                await ProblemWriter.Write(http, StatusCodes.Status413PayloadTooLarge, "Request body too large",
                    $"The body is {http.Request.ContentLength} bytes; the limit is {limit}.", new Dictionary<string, object?> { ["field"] = "body" });
                return;
            }

            await next(http);
        });
}

using DataSharing.Api.Problems;

namespace DataSharing.Api.Hosting;

/// <summary>
/// Refuses a declared oversized body with a 413 problem before anything reads it. Kestrel's own limit
/// (<c>MaxRequestBodySize</c>, set to the same value) covers bodies sent without a Content-Length.
/// </summary>
public static class RequestSizeLimit
{
    public static IApplicationBuilder UseRequestSizeLimit(this IApplicationBuilder app, long maxBytes) =>
        app.Use(async (http, next) =>
        {
            if (http.Request.ContentLength > maxBytes)
            {
                await ProblemWriter.Write(http, StatusCodes.Status413PayloadTooLarge, "Request body too large",
                    $"The body is {http.Request.ContentLength} bytes; the limit is {maxBytes}.", new Dictionary<string, object?> { ["field"] = "body" });
                return;
            }

            await next(http);
        });
}

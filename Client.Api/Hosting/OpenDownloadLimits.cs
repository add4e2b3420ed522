using System.Globalization;
using System.Threading.RateLimiting;
using DataSharing.Api.Auth;
using DataSharing.Api.Problems;
using DataSharing.OpenData;
using Microsoft.AspNetCore.RateLimiting;

namespace DataSharing.Api.Hosting;

/// <summary>
/// The rate limit of open downloads (ASP.NET Core's own limiter): a fixed window of one minute per client, the
/// token's subject or, anonymously, the remote address, at most <see cref="OpenDataOptions.DownloadsPerMinute"/>.
/// Open data is for everyone (Art 34, 37): one client pulling a dataset in a loop must not starve the others. Each
/// API process counts its own callers (a client spread over several processes by a load balancer gets each one's limit).
/// </summary>
public static class OpenDownloadLimits
{
    public const string Policy = "open-downloads";

    /// <summary>The role an anonymous downloader is recorded with.</summary>
    public const string AnonymousRole = "Anonymous";

    public static IServiceCollection AddOpenDownloadLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var perMinute = configuration.GetSection(OpenDataOptions.Section).Get<OpenDataOptions>()?.DownloadsPerMinute ?? new OpenDataOptions().DownloadsPerMinute;
        if (perMinute < 1)
        {
            throw new InvalidOperationException($"{OpenDataOptions.Section}:DownloadsPerMinute is {perMinute}; it must be at least 1.");
        }

        return services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(Policy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.User.Identity?.IsAuthenticated == true
                    ? "sub:" + http.User.ToActor().Subject
                    : "ip:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            limiter.OnRejected = async (context, _) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await ProblemWriter.Write(context.HttpContext, StatusCodes.Status429TooManyRequests, "Too many downloads",
                    $"At most {perMinute} open downloads a minute per client; try again in {seconds} s.",
                    new Dictionary<string, object?> { ["retryAfter"] = seconds, ["limit"] = perMinute });
            };
        });
    }
}

using System.Text.Json;
using System.Text.RegularExpressions;
using DataSharing.Common;
using DataSharing.Federation;
using Microsoft.AspNetCore.Diagnostics;

namespace DataSharing.Api.Problems;

/// <summary>Turns the domain's exceptions and malformed input into problem responses; anything else stays a 500.</summary>
internal sealed partial class DomainExceptionHandler(ILogger<DomainExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        if (Map(exception) is not { } problem)
        {
            return false;
        }

        if (problem.Status >= 500)
        {
            logger.LogWarning(exception, "Answering {Path} with {Status}", http.Request.Path, problem.Status);
        }

        if (problem.Status == 503)
        {
            http.Response.Headers.RetryAfter = "5";
        }

        await ProblemWriter.Write(http, problem.Status, problem.Title, problem.Detail, problem.Extensions);
        return true;
    }

    private sealed record Problem(int Status, string Title, string Detail, Dictionary<string, object?> Extensions);

    private static Problem? Map(Exception exception) => exception switch
    {
        ValidationFailedException v => new(400, "Invalid request", v.Detail, new() { ["field"] = v.Field, ["article"] = v.Article }),
        IllegalTransitionException t => new(409, "Illegal state transition", t.Detail,
            new() { ["caseId"] = t.CaseId, ["currentState"] = t.CurrentState, ["action"] = t.Action }),
        NotFoundException n => new(404, "Not found", n.Detail, new() { ["kind"] = n.Kind, ["id"] = n.Id }),
        NotEntitledException f => new(403, "Forbidden", f.Detail, new()),
        TooLargeException large => new(413, "Request body too large", large.Message, new() { ["field"] = large.Field }),
        IdempotencyConflictException i => new(422, "Idempotency-Key reused", i.Detail, new() { ["field"] = "Idempotency-Key", ["existingId"] = i.ExistingId }),
        BadHttpRequestException { InnerException: JsonException json } => Malformed(json),
        JsonException json => Malformed(json),
        BadHttpRequestException bad => new(bad.StatusCode, bad.StatusCode == 413 ? "Request body too large" : "Bad request", bad.Message,
            new() { ["field"] = FieldOf(bad) }),
        PeerUnreachableException peer => new(503, "Platform unreachable", peer.Message, new() { ["platform"] = peer.Platform }),
        _ when TransientFailures.Is(exception) => new(503, "Service unavailable",
            "The platform cannot reach its cluster or its database right now. Retry later; a retry with the same Idempotency-Key returns the case if the first attempt did create it.",
            new()),
        _ => null,
    };

    private static Problem Malformed(JsonException json)
    {
        var field = FieldOf(json.Path);
        // The serializer's own message names .NET types; only whether the member came twice is worth passing on.
        var detail = json.Message.Contains("duplicate", StringComparison.OrdinalIgnoreCase)
            ? $"'{field}' appears twice in the body; send each member once."
            : json.Message.Contains("could not be mapped", StringComparison.Ordinal)
                ? $"'{field}' is not a member of this body."
                : $"The value of '{field}' is malformed or of the wrong type.";
        return new(400, "Malformed JSON", detail, new() { ["field"] = field });
    }

    /// <summary>
    /// The parameter a binding failure names: ASP.NET Core words it 'Failed to bind parameter "int? year" from "x"'
    /// or 'Required parameter "ReviewBody body" was not provided'; a wrong media type is the Content-Type's fault.
    /// </summary>
    internal static string FieldOf(BadHttpRequestException bad) => bad.StatusCode switch
    {
        StatusCodes.Status415UnsupportedMediaType => "Content-Type",
        StatusCodes.Status413PayloadTooLarge => "body",
        _ => BoundParameter().Match(bad.Message) is { Success: true } match ? match.Groups[1].Value : "body",
    };

    [GeneratedRegex("parameter \"[^\"]*?(\\w+)\"")]
    private static partial Regex BoundParameter();

    /// <summary>"$.dataItems[1]" → "dataItems[1]"; the body itself is "body".</summary>
    internal static string FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
}

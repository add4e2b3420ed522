using System.Text.Json;
using System.Text.Json.Serialization;
using DataSharing.Departments;
using DataSharing.Sharing;

namespace DataSharing.Federation;

/// <summary>What each kind of message does on the receiving platform, and the bodies the sending side writes.</summary>
public static class FederationEffects
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static FederationMessage ShareRequestSubmitted(string from, string to, string requestId, ShareRequestSubmission submission, DateTimeOffset at) =>
        new($"{requestId}#submit", FederationMessageKinds.ShareRequestSubmitted, from, to, requestId, JsonSerializer.Serialize(submission, Json), at);

    public static FederationMessage ShareRequestChanged(string from, string to, ShareRequestView request, int version, DateTimeOffset at) =>
        new($"{request.Id}#{version}", FederationMessageKinds.ShareRequestChanged, from, to, request.Id,
            JsonSerializer.Serialize(new ShareRequestVersion(version, request), Json), at);

    /// <summary>A city's violation record for the province's queue; its id stays the city's, so reporting it again keeps one record.</summary>
    public static FederationMessage ViolationReported(string from, string to, ViolationRecord violation, DateTimeOffset at) =>
        new($"violation:{violation.Id}", FederationMessageKinds.ViolationReported, from, to, violation.CaseId, JsonSerializer.Serialize(violation, Json), at);

    /// <summary>
    /// Applies one message. A message a genuine peer sent but that this platform cannot act on (a request naming
    /// another platform's department) is recorded by the case as refused rather than thrown: a throw would stop the
    /// link for ever, every later message waiting behind it.
    /// </summary>
    public static Task Apply(IGrainFactory grains, FederationMessage message) => message.Kind switch
    {
        FederationMessageKinds.ShareRequestSubmitted => grains.GetGrain<IShareRequestGrain>(message.CaseId)
            .SubmitFromPeer(Read<ShareRequestSubmission>(message), message.From),
        FederationMessageKinds.ShareRequestChanged => Mirror(grains, message),
        FederationMessageKinds.ViolationReported => ReportedViolation(grains, message),
        _ => throw new FederationRejectedException(FederationRejection.Malformed, $"Unknown kind of message '{message.Kind}'."),
    };

    private static Task Mirror(IGrainFactory grains, FederationMessage message)
    {
        var changed = Read<ShareRequestVersion>(message);
        return grains.GetGrain<IShareRequestGrain>(message.CaseId).Mirror(changed.Request, changed.Version, message.From);
    }

    private static Task ReportedViolation(IGrainFactory grains, FederationMessage message)
    {
        // A platform reports only its own departments' violations: another's would put words in that platform's mouth.
        var violation = Read<ViolationRecord>(message);
        return FederationRouting.PlatformOf(violation.Department) == message.From
            ? grains.GetGrain<IViolationLogGrain>(0).Record(violation)
            : throw new FederationRejectedException(FederationRejection.Malformed,
                $"{message.Id}: {message.From} reported a violation of {violation.Department}, a department of another platform.");
    }

    private static T Read<T>(FederationMessage message)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(message.Body, Json) ?? throw new JsonException("null body");
        }
        catch (JsonException e)
        {
            throw new FederationRejectedException(FederationRejection.Malformed, $"{message.Kind} {message.Id} has no readable body: {e.Message}");
        }
    }

    private sealed record ShareRequestVersion(int Version, ShareRequestView Request);
}

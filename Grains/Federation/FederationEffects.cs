using System.Text.Json;
using System.Text.Json.Serialization;
using DataSharing.Catalog;
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

    /// <summary>The requester's platform asks the owner of <paramref name="requestId"/> to withdraw it (once per request).</summary>
    public static FederationMessage ShareRequestWithdrawalAsked(string from, string to, string requestId, WithdrawalAsked asked, DateTimeOffset at) =>
        new($"{requestId}#withdraw", FederationMessageKinds.ShareRequestWithdrawalAsked, from, to, requestId, JsonSerializer.Serialize(asked, Json), at);

    /// <summary>
    /// An entry's state after its owner's act <see cref="CatalogEntryCopy.Act"/>: the id names the entry and the act,
    /// so a relayed copy keeps its id on every link.
    /// </summary>
    public static FederationMessage CatalogEntryChanged(string from, string to, CatalogEntryCopy copy, DateTimeOffset at) =>
        new($"{copy.Entry.Code}#{copy.Act}", FederationMessageKinds.CatalogEntryChanged, from, to, copy.Entry.Code, JsonSerializer.Serialize(copy, Json), at);

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
        FederationMessageKinds.ShareRequestWithdrawalAsked => grains.GetGrain<IShareRequestGrain>(message.CaseId)
            .WithdrawForPeer(Read<WithdrawalAsked>(message), message.From),
        FederationMessageKinds.CatalogEntryChanged => grains.GetGrain<ICatalogEntryGrain>(message.CaseId)
            .ApplyCopy(Read<CatalogEntryCopy>(message), message.From),
        _ => throw new FederationRejectedException(FederationRejection.Malformed, $"Unknown kind of message '{message.Kind}'."),
    };

    private static Task Mirror(IGrainFactory grains, FederationMessage message)
    {
        var changed = Read<ShareRequestVersion>(message);
        return grains.GetGrain<IShareRequestGrain>(message.CaseId).Mirror(changed.Request, changed.Version, message.From);
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

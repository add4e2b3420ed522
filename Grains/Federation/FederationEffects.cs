using System.Text.Json;
using System.Text.Json.Serialization;
using DataSharing.Assessment;
using DataSharing.Departments;
using DataSharing.Catalog;
using DataSharing.Reviews;
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

    /// <summary>The requester's platform asks the owner of <paramref name="requestId"/> to withdraw it (once per request).</summary>
    public static FederationMessage ShareRequestWithdrawalAsked(string from, string to, string requestId, WithdrawalAsked asked, DateTimeOffset at) =>
        new($"{requestId}#withdraw", FederationMessageKinds.ShareRequestWithdrawalAsked, from, to, requestId, JsonSerializer.Serialize(asked, Json), at);

    /// <summary>
    /// An entry's state after its owner's act <see cref="CatalogEntryCopy.Act"/>: the id names the entry and the act,
    /// so a relayed copy keeps its id on every link.
    /// </summary>
    public static FederationMessage CatalogEntryChanged(string from, string to, CatalogEntryCopy copy, DateTimeOffset at) =>
        new($"{copy.Entry.Code}#{copy.Act}", FederationMessageKinds.CatalogEntryChanged, from, to, copy.Entry.Code, JsonSerializer.Serialize(copy, Json), at);

    /// <summary>A city's ask for Art 14 consent, sent once per request: the city's case as it was asked.</summary>
    public static FederationMessage PersonalizedCatalogAsked(string from, string to, PersonalizedCatalogRequestView asked, DateTimeOffset at) =>
        new($"{asked.Id}#ask", FederationMessageKinds.PersonalizedCatalogAsked, from, to, asked.Id, JsonSerializer.Serialize(asked, Json), at);

    /// <summary>The province's case once decided (a request is decided once), back to the city that asked.</summary>
    public static FederationMessage PersonalizedCatalogDecided(string from, string to, PersonalizedCatalogRequestView decided, DateTimeOffset at) =>
        new($"{decided.Id}#decide", FederationMessageKinds.PersonalizedCatalogDecided, from, to, decided.Id, JsonSerializer.Serialize(decided, Json), at);

    /// <summary>
    /// A city's assessment fact for the province's assessment; its id names the fact's case and version, so a fact
    /// reported again is one message while undelivered and one record on arrival, and a newer version is a new message.
    /// </summary>
    public static FederationMessage AssessmentReported(string from, string to, AssessmentReport report, DateTimeOffset at) =>
        new($"assessment:{report.Fact.Kind}:{report.Fact.CaseId}#{report.Fact.Version}", FederationMessageKinds.AssessmentReported, from, to,
            report.Fact.CaseId, JsonSerializer.Serialize(report, Json), at);

    /// <summary>A review (Art 26) of an entry of platform <paramref name="to"/>, filed here; sent once per review.</summary>
    public static FederationMessage ReviewFiled(string from, string to, string reviewId, ReviewFiled filed, DateTimeOffset at) =>
        new($"{reviewId}#file", FederationMessageKinds.ReviewFiled, from, to, reviewId, JsonSerializer.Serialize(filed, Json), at);

    /// <summary>Version <paramref name="version"/> of a review this platform owns, for the applicant's platform.</summary>
    public static FederationMessage ReviewChanged(string from, string to, ReviewView review, int version, DateTimeOffset at) =>
        new($"{review.Id}#{version}", FederationMessageKinds.ReviewChanged, from, to, review.Id,
            JsonSerializer.Serialize(new ReviewVersion(version, review), Json), at);

    /// <summary>
    /// Applies one message. A message a genuine peer sent but that this platform cannot act on (a request naming
    /// another platform's department) is recorded by the case as refused rather than thrown: a throw would stop the
    /// link for ever, every later message waiting behind it.
    /// </summary>
    public static Task Apply(IGrainFactory grains, FederationMessage message, FederationRouting routing) => message.Kind switch
    {
        FederationMessageKinds.Relayed => Relay(grains, Read<FederationMessage>(message), message.From, routing),
        FederationMessageKinds.ShareRequestSubmitted => grains.GetGrain<IShareRequestGrain>(message.CaseId)
            .SubmitFromPeer(Read<ShareRequestSubmission>(message), message.From),
        FederationMessageKinds.ShareRequestChanged => Mirror(grains, message),
        FederationMessageKinds.ViolationReported => ReportedViolation(grains, message),
        FederationMessageKinds.ShareRequestWithdrawalAsked => grains.GetGrain<IShareRequestGrain>(message.CaseId)
            .WithdrawForPeer(Read<WithdrawalAsked>(message), message.From),
        FederationMessageKinds.CatalogEntryChanged => grains.GetGrain<ICatalogEntryGrain>(message.CaseId)
            .ApplyCopy(Read<CatalogEntryCopy>(message), message.From),
        FederationMessageKinds.PersonalizedCatalogAsked => grains.GetGrain<IPersonalizedCatalogRequestGrain>(message.CaseId)
            .AskFromPeer(Read<PersonalizedCatalogRequestView>(message), message.From),
        FederationMessageKinds.PersonalizedCatalogDecided => grains.GetGrain<IPersonalizedCatalogRequestGrain>(message.CaseId)
            .DecidedByPeer(Read<PersonalizedCatalogRequestView>(message), message.From),
        FederationMessageKinds.AssessmentReported => AssessmentReport.Apply(grains, Read<AssessmentReport>(message), message),
        FederationMessageKinds.ReviewFiled => grains.GetGrain<IReviewGrain>(message.CaseId)
            .FileFromPeer(Read<ReviewFiled>(message), message.From),
        FederationMessageKinds.ReviewChanged => MirrorReview(grains, message),
        _ => throw new FederationRejectedException(FederationRejection.Malformed, $"Unknown kind of message '{message.Kind}'."),
    };

    /// <summary>
    /// The message as its link carries it to <paramref name="hop"/>: itself when it goes from this platform straight to
    /// its destination, otherwise wrapped (<see cref="FederationMessageKinds.Relayed"/>) with this platform as the
    /// sender of the leg, the one whose signature the envelope carries (also on the last leg of a relayed message).
    /// Its id stays, so each leg keeps one message per act.
    /// </summary>
    public static FederationMessage Routed(FederationMessage message, string self, string hop) => message.From == self && hop == message.To
        ? message
        : new(message.Id, FederationMessageKinds.Relayed, self, hop, message.CaseId, JsonSerializer.Serialize(message, Json), message.CreatedAt);

    /// <summary>
    /// A relayed message: applied here if this platform is its destination (as if its origin had sent it: the hop,
    /// whose signature it carries, vouches for the platforms it routes for), otherwise handed to the next leg. A
    /// platform relays only what the origin itself handed it (one hop through the province), never its own messages
    /// back, and never to where it came from.
    /// </summary>
    private static Task Relay(IGrainFactory grains, FederationMessage inner, string leg, FederationRouting routing)
    {
        var self = routing.LocalPlatform!;
        if (inner.Kind == FederationMessageKinds.Relayed || inner.From == self)
        {
            throw new FederationRejectedException(FederationRejection.Malformed, $"{inner.Id} from {leg} is not a message this platform relays.");
        }

        if (inner.To == self)
        {
            return Apply(grains, inner, routing);
        }

        if (inner.From != leg || routing.NextHop(inner.To) is not { } hop || hop == leg)
        {
            throw new FederationRejectedException(FederationRejection.Malformed, $"{inner.Id}: {leg} asked to carry a message of {inner.From} to {inner.To}; this platform carries a platform's own messages to a peer only.");
        }

        return grains.GetGrain<IFederationLinkGrain>(hop).Enqueue(Routed(inner, self, hop));
    }

    private static Task Mirror(IGrainFactory grains, FederationMessage message)
    {
        var changed = Read<ShareRequestVersion>(message);
        return grains.GetGrain<IShareRequestGrain>(message.CaseId).Mirror(changed.Request, changed.Version, message.From);
    }

    private static Task MirrorReview(IGrainFactory grains, FederationMessage message)
    {
        var changed = Read<ReviewVersion>(message);
        return grains.GetGrain<IReviewGrain>(message.CaseId).Mirror(changed.Review, changed.Version, message.From);
    }

    private static Task ReportedViolation(IGrainFactory grains, FederationMessage message)
    {
        var violation = Read<ViolationRecord>(message);
        FederationRouting.EnsureOwn(message.From, violation.Department, $"{message.Id}: a violation report");
        return grains.GetGrain<IViolationLogGrain>(0).Record(violation);
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

    private sealed record ReviewVersion(int Version, ReviewView Review);
}

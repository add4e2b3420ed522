using DataSharing.Api.Auth;
using DataSharing.Api.Problems;
using DataSharing.Audit;
using DataSharing.Common;
using DataSharing.Federation;
using Microsoft.Extensions.Options;

namespace DataSharing.Api.Endpoints;

/// <summary>
/// The federation front door (Art 23): other platforms post signed messages here, authorized by their signature
/// (no user token); admins see the links and the federation log.
/// </summary>
public static class FederationEndpoints
{
    /// <summary>A message is a case's version, never a data set: anything larger is refused unread.</summary>
    public const int MaxMessageBytes = 256 * 1024;

    public static void MapFederation(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/federation").WithTags("Federation");

        group.MapPost("/messages", Receive)
            .AllowAnonymous()
            .WithSummary("A signed message (compact JWS, ES256) from a peer platform; answered with a signed acknowledgement.");

        group.MapPost("/reads", ServeRead)
            .AllowAnonymous()
            .WithSummary("A signed read (compact JWS) of an entry this platform serves, for a department of a peer platform (or carried on to another city by the province); "
                + "answered with the page, signed, after the access check of the grants this platform owns (Art 21, 23), or with the refusal as a problem.");

        group.MapGet("/links", async (IOptions<FederationOptions> options, IGrainFactory grains) =>
        {
            var settings = options.Value;
            // One row per configured peer: a handful, bounded by configuration.
            var links = await Task.WhenAll(settings.Peers.Select(async peer => new FederationLinkView(
                peer.Code, peer.BaseUrl,
                await grains.GetGrain<IFederationLinkGrain>(peer.Code).Status(),
                await grains.GetGrain<IFederationInboxGrain>(peer.Code).Status(),
                await grains.GetGrain<ICatalogHandoverGrain>(peer.Code).Status())));
            return new FederationLinksView(settings.PlatformCode, links);
        })
        .RequireAuthorization(Policies.PlatformAdmin)
        .WithSummary("Each link to a peer platform: outbox depth, oldest undelivered message, delivery lag, duplicates, gaps and rejected messages, and whether the catalog as it stood was handed to the peer.");

        group.MapGet("/log/{peer}", async (string peer, string? direction, int? limit, string? after, IOptions<FederationOptions> options, IGrainFactory grains) =>
        {
            var self = options.Value.PlatformCode ?? throw new NotFoundException("Federation", "this platform");
            if (options.Value.Peer(peer) is null)
            {
                throw new NotFoundException("Peer", peer);
            }

            var linkId = direction switch
            {
                null or "out" => FederationLog.LinkId(self, peer),
                "in" => FederationLog.LinkId(peer, self),
                _ => throw new ValidationFailedException("direction", "direction is 'out' (sent to the peer) or 'in' (received from it)."),
            };
            return await AuditEndpoints.Records(grains, null, linkId, limit, after);
        })
        .RequireAuthorization(Policies.Oversight)
        .WithSummary("The signed messages and acknowledgements exchanged with one peer, as records of the hash chain; a page (limit, after).");

        group.MapGet("/log/verify", async (IGrainFactory grains) => await grains.GetGrain<IAuditGrain>(0).Verify())
            .RequireAuthorization(Policies.Oversight)
            .WithSummary("Recomputes the hash chain that holds the federation log and names the first record that does not hold.");
    }

    private static async Task Receive(HttpContext http, FederationGate gate, IMessageSignature signature, IOptions<FederationOptions> options,
        FederationMetrics metrics, TimeProvider time, IGrainFactory grains)
    {
        var token = await ReadToken(http);
        InboundMessage message;
        try
        {
            message = await gate.Message(token);
        }
        catch (FederationRejectedException rejected)
        {
            await Refuse(http, rejected, metrics, grains);
            return;
        }

        var from = message.Message.From;
        var receipt = await grains.GetGrain<IFederationInboxGrain>(from).Receive(message);
        var ack = new FederationAck(options.Value.PlatformCode!, from, message.Message.Id, message.Sequence, receipt.Outcome, receipt.Expected, time.GetUtcNow());
        http.Response.StatusCode = receipt.Outcome == InboxOutcome.Gap ? StatusCodes.Status409Conflict : StatusCodes.Status200OK;
        http.Response.ContentType = FederationTransport.MediaType;
        await http.Response.WriteAsync(signature.Sign(FederationEnvelope.AckPayload(ack)));
    }

    private static async Task ServeRead(HttpContext http, FederationGate gate, FederationReads reads, IMessageSignature signature,
        FederationMetrics metrics, IGrainFactory grains)
    {
        var token = await ReadToken(http);
        RemoteReadServed served;
        try
        {
            served = await reads.Serve(await gate.ReadAsked(token), grains);
        }
        catch (FederationRejectedException rejected)
        {
            await Refuse(http, rejected, metrics, grains);
            return;
        }

        http.Response.ContentType = FederationTransport.MediaType;
        await http.Response.WriteAsync(signature.Sign(FederationEnvelope.ServedPayload(served)));
    }

    /// <summary>A message or read refused outright: counted on the peer's inbox it claims to come from, answered as a problem.</summary>
    private static async Task Refuse(HttpContext http, FederationRejectedException rejected, FederationMetrics metrics, IGrainFactory grains)
    {
        metrics.Rejected(rejected.Peer, rejected.Reason);
        if (rejected.Peer is { } peer)
        {
            await grains.GetGrain<IFederationInboxGrain>(peer).Rejected(rejected.Reason);
        }

        await ProblemWriter.Write(http, rejected.Reason switch
            {
                FederationRejection.Malformed => StatusCodes.Status400BadRequest,
                FederationRejection.NotFederated => StatusCodes.Status404NotFound,
                _ => StatusCodes.Status401Unauthorized,
            },
            "Message refused", rejected.Message, new Dictionary<string, object?> { ["reason"] = rejected.Reason });
    }

    private static async Task<string> ReadToken(HttpContext http)
    {
        var tooLarge = new TooLargeException("body", $"A federation message is at most {MaxMessageBytes} bytes.");
        if (http.Request.ContentLength > MaxMessageBytes)
        {
            throw tooLarge;
        }

        using var reader = new StreamReader(http.Request.Body);
        var buffer = new char[MaxMessageBytes + 1];
        var read = await reader.ReadBlockAsync(buffer);
        return read > MaxMessageBytes
            ? throw tooLarge
            : new string(buffer, 0, read).Trim();
    }
}

public sealed record FederationLinkView(string Peer, string BaseUrl, FederationLinkStatus Outbound, FederationInboxStatus Inbound, CatalogHandoverStatus CatalogHandover);

public sealed record FederationLinksView(string? Platform, IReadOnlyList<FederationLinkView> Links);

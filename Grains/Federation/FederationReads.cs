using System.Net;
using System.Net.Http;
using System.Text.Json;
using DataSharing.Catalog;
using DataSharing.Common;
using DataSharing.Data;
using DataSharing.Sharing;
using Microsoft.Extensions.Options;

namespace DataSharing.Federation;

/// <summary>
/// Reading another platform's data (Art 21, 23): the grant is checked where the data is served. A department's
/// platform asks the entry's platform, signed, for a page; the owner decides on the grants it owns (the share request
/// is its case), records the read as any other (Art 38) and answers with the page, signed. A city reaches another
/// city's data through the province, which checks the asker's signature and carries the read one leg on. Unlike a
/// case's messages this does not go through the outbox: nothing changes on the asking side, and the department is
/// waiting for the answer, so an unreachable owner is a 503 to retry rather than a message to deliver later.
/// </summary>
public sealed class FederationReads(
    IOptions<FederationOptions> options,
    FederationRouting routing,
    FederationGate gate,
    IMessageSignature signature,
    FederationTransport transport,
    TimeProvider time)
{
    public const string Path = "/api/federation/reads";

    /// <summary>A page of <paramref name="owner"/>'s entry for a department of this platform.</summary>
    public Task<DataReadResult> Read(string owner, DataReadRequest request, Actor by) => Send(owner, Ask(owner, request, by, checkOnly: false));

    /// <summary>An access check (Art 21) of <paramref name="owner"/>'s entry for a department of this platform, decided and recorded there.</summary>
    public async Task<AccessCheckRecord> Check(string owner, AccessCheckRequest request, Actor by) =>
        (await Send(owner, Ask(owner, new DataReadRequest(request, PageRequest.First), by, checkOnly: true))).Check;

    private RemoteRead Ask(string owner, DataReadRequest request, Actor by, bool checkOnly)
    {
        var self = routing.LocalPlatform ?? throw new InvalidOperationException("Only a federated platform reads another's data.");
        var check = request.Check;
        return new RemoteRead(self, owner, $"RR-{Guid.CreateVersion7(time.GetUtcNow()):N}", time.GetUtcNow(), self, by.Subject,
            check.Department, check.EntryCode, check.DataItems, check.Scenario, request.Page.Limit, request.Page.After, checkOnly);
    }

    /// <summary>
    /// A peer's read, answered here: from the entry's data when this platform serves it, otherwise carried one leg on
    /// when the peer is a city reading another city's data. The answer names this platform as its signer.
    /// </summary>
    public async Task<RemoteReadServed> Serve(RemoteRead ask, IGrainFactory grains)
    {
        var self = routing.LocalPlatform!;
        FederationRouting.EnsureOwn(ask.Origin, ask.Department, $"{ask.Id}: a read", ask.From);

        // A platform reads for its own departments; only the province carries another's read, and only one leg.
        if (ask.Origin != ask.From && ask.From != routing.Province)
        {
            throw new FederationRejectedException(FederationRejection.Malformed, $"{ask.Id}: {ask.From} carries a read of {ask.Origin}; only this platform's province does.", ask.From);
        }

        var owner = FederationRouting.PlatformOf(CatalogCodes.DepartmentOf(ask.EntryCode));
        DataReadResult result;
        if (owner == self)
        {
            var check = new AccessCheckRequest(ask.Department, ask.EntryCode, ask.Items, ask.Scenario);
            var by = FederationRouting.PersonOf(ask.Subject, ask.Origin, ask.Department);
            var gate = grains.GetGrain<IAccessGateGrain>(0);
            result = ask.CheckOnly
                ? new DataReadResult(await gate.Check(check, by), [], Page<DataRecord>.Empty, false)
                : await gate.Read(new DataReadRequest(check, PageRequest.Of(ask.Limit, ask.After)), by);
        }
        else if (ask.Origin == ask.From && owner != ask.From)
        {
            result = await Send(owner, ask with { From = self });
        }
        else
        {
            throw new ValidationFailedException("entryCode", $"Catalog entry {ask.EntryCode} is platform {owner}'s; this platform neither serves it nor carries reads to it.", "Art 23");
        }

        return new RemoteReadServed(self, ask.From, ask.Id, time.GetUtcNow(), owner, result);
    }

    private async Task<DataReadResult> Send(string owner, RemoteRead ask)
    {
        var hop = routing.NextHop(owner)
            ?? throw new ValidationFailedException("entryCode", $"Catalog entry {ask.EntryCode} is platform {owner}'s, which this platform has no link to (Art 23).", "Art 23");
        var peer = options.Value.Peer(hop)!;
        var token = signature.Sign(FederationEnvelope.AskPayload(ask with { To = hop, SentAt = time.GetUtcNow() }));
        HttpStatusCode status;
        string body;
        bool signed;
        try
        {
            (status, body, signed) = await transport.Post(peer, Path, token);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            throw new PeerUnreachableException(hop, $"Platform {hop} cannot be reached to read {ask.EntryCode} ({e.Message}); retry later.", e);
        }

        if (status == HttpStatusCode.OK && signed)
        {
            RemoteReadServed served;
            try
            {
                served = await gate.ReadServed(body, hop);
            }
            catch (FederationRejectedException rejected)
            {
                throw new PeerUnreachableException(hop, $"Platform {hop}'s answer to the read of {ask.EntryCode} is not one this platform accepts: {rejected.Message}", rejected);
            }

            return served.Id == ask.Id && served.ServedBy == owner
                ? served.Result
                : throw new PeerUnreachableException(hop, $"Platform {hop} answered another read ({served.Id} served by {served.ServedBy}).");
        }

        throw Refusal(owner, hop, status, body);
    }

    /// <summary>The owner's refusal as this platform's own: the same status, its detail and field, naming the owner.</summary>
    private static Exception Refusal(string owner, string hop, HttpStatusCode status, string body)
    {
        string? detail = null;
        string? field = null;
        string? article = null;
        try
        {
            using var problem = JsonDocument.Parse(body);
            detail = problem.RootElement.TryGetProperty("detail", out var d) ? d.GetString() : null;
            field = problem.RootElement.TryGetProperty("field", out var f) ? f.GetString() : null;
            article = problem.RootElement.TryGetProperty("article", out var a) ? a.GetString() : null;
        }
        catch (JsonException)
        {
        }

        var said = $"Platform {owner}, which serves the data, refused the read: {detail ?? $"status {(int)status}"}";
        return status switch
        {
            HttpStatusCode.BadRequest => new ValidationFailedException(field ?? "entryCode", said, article),
            HttpStatusCode.Forbidden => new NotEntitledException(said),
            HttpStatusCode.NotFound => new ValidationFailedException("entryCode", said, "Art 23"),
            _ => new PeerUnreachableException(hop, $"Platform {hop} answered the read with {(int)status}: {detail ?? (body.Length > 300 ? body[..300] : body)}"),
        };
    }
}

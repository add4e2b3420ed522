using System.Net;
using System.Text;
using Microsoft.Extensions.Options;

namespace DataSharing.Federation;

/// <summary>Carries one signed message to a peer's federation endpoint and returns the signed acknowledgement.</summary>
public sealed class FederationTransport(IOptions<FederationOptions> options) : IDisposable
{
    public const string MediaType = "application/jose";
    public const string Path = "/api/federation/messages";

    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        // A peer's address may move (DNS, failover): connections are not kept for ever.
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectTimeout = TimeSpan.FromSeconds(3),
    })
    {
        Timeout = options.Value.DeliveryTimeout,
    };

    /// <returns>The acknowledgement's compact JWS: 200 for applied or duplicate, 409 for a gap.</returns>
    public async Task<string> Send(FederationPeer peer, string token)
    {
        var (status, body, signed) = await Post(peer, Path, token);
        if (status is HttpStatusCode.OK or HttpStatusCode.Conflict && signed)
        {
            return body;
        }

        throw new HttpRequestException($"{peer.Code} answered {(int)status}: {(body.Length > 300 ? body[..300] : body)}", null, status);
    }

    /// <summary>Posts a compact JWS to one of the peer's federation endpoints: the status, the body, and whether the body is a JWS.</summary>
    public async Task<(HttpStatusCode Status, string Body, bool Signed)> Post(FederationPeer peer, string path, string token)
    {
        using var content = new StringContent(token, Encoding.ASCII, MediaType);
        using var response = await _http.PostAsync(new Uri(peer.BaseUrl.TrimEnd('/') + path), content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.MediaType == MediaType);
    }

    public void Dispose() => _http.Dispose();
}

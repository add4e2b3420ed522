using DataSharing.Common;

namespace DataSharing.Api.Endpoints;

/// <summary>
/// The Idempotency-Key of a creating POST: the same key and body from the same caller always resolve to the id
/// of the first attempt (see <see cref="IIdempotencyGrain"/>), and creating under that id is itself idempotent.
/// </summary>
public static class IdempotentCreation
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    public const int MaxKeyLength = 200;

    /// <param name="exists">Whether a resource with the given id was created; a key whose first request created
    /// nothing (it was rejected, or the process died) is rebound to the new body instead of refused.</param>
    public static async Task<IdempotencyClaim> Claim(HttpContext http, IGrainFactory grains, string scope, Actor caller, object request,
        Func<Task<string>> newId, Func<string, Task<bool>> exists)
    {
        if (KeyOf(http.Request) is not { } key)
        {
            return new IdempotencyClaim(await newId(), Replayed: false);
        }

        var claim = await ClaimKey(key, grains, scope, caller, request, newId, exists);
        if (claim.Replayed)
        {
            http.Response.Headers[ReplayedHeader] = "true";
        }

        return claim;
    }

    /// <summary>The request's Idempotency-Key, checked (a 400 naming the header), or null when it has none.</summary>
    public static string? KeyOf(HttpRequest request)
    {
        var key = request.Headers[Header].ToString();
        if (key.Length == 0)
        {
            return null;
        }

        Check(key);
        return key;
    }

    /// <summary>
    /// The claim of an explicit key: what <see cref="Claim"/> does with the request's header, for a request that creates
    /// several resources (a spreadsheet import names each row's key after the header's).
    /// </summary>
    public static async Task<IdempotencyClaim> ClaimKey(string key, IGrainFactory grains, string scope, Actor caller, object request,
        Func<Task<string>> newId, Func<string, Task<bool>> exists)
    {
        Check(key);
        var owner = caller.Department ?? caller.Subject;
        var grain = grains.GetGrain<IIdempotencyGrain>($"{scope}|{owner}|{key}");
        var hash = Fingerprint.Of(request);
        try
        {
            return await grain.Claim(hash, await newId());
        }
        catch (IdempotencyConflictException conflict)
        {
            if (await exists(conflict.ExistingId))
            {
                throw;
            }

            return await grain.Rebind(hash);
        }
    }

    private static void Check(string key)
    {
        if (key.Length > MaxKeyLength || key.Any(char.IsControl))
        {
            throw new ValidationFailedException(Header, $"An {Header} is 1 to {MaxKeyLength} printable characters.");
        }
    }
}

using System.Collections.Concurrent;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DataSharing.Api.Auth;

/// <summary>
/// Validates a bearer token once and remembers the result until the token expires (or <see cref="MaxAge"/>), so a
/// client sending the same token with every request pays for the signature check and claim parsing once, not on every
/// call (it was a tenth of an access check's cost). Only valid tokens are kept; the key is the whole token, so a token
/// that differs in any byte is validated anew. At most <see cref="MaxEntries"/> are kept.
/// </summary>
public sealed class CachingTokenHandler(TimeProvider time) : JsonWebTokenHandler
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);
    public const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, (TokenValidationResult Result, DateTimeOffset Until)> _valid = new(StringComparer.Ordinal);

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        var now = time.GetUtcNow();
        if (_valid.TryGetValue(token, out var known) && now < known.Until)
        {
            return known.Result;
        }

        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid && result.SecurityToken is { } validated)
        {
            if (_valid.Count >= MaxEntries)
            {
                _valid.Clear();
            }

            var expires = new DateTimeOffset(DateTime.SpecifyKind(validated.ValidTo, DateTimeKind.Utc));
            _valid[token] = (result, expires < now + MaxAge ? expires : now + MaxAge);
        }

        return result;
    }
}

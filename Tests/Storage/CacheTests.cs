using DataSharing.Api.Auth;
using DataSharing.Common;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Tokens;

namespace DataSharing.Tests.Storage;

/// <summary>The per-silo caches of read-mostly data: how stale they may be, and what they never trust.</summary>
public sealed class CacheTests
{
    [Fact]
    public async Task A_cached_value_is_served_until_its_max_age_then_read_again_and_concurrent_misses_share_one_read()
    {
        var clock = new FakeTimeProvider();
        var cache = new ReadThroughCache<string, int>(TimeSpan.FromSeconds(2), 100, clock);
        var reads = 0;
        var gate = new TaskCompletionSource();
        async Task<int> Read(string _)
        {
            Interlocked.Increment(ref reads);
            await gate.Task;
            return reads;
        }

        var first = Task.WhenAll(Enumerable.Range(0, 10).Select(_ => cache.Get("k", Read).AsTask()));
        gate.SetResult();
        Assert.All(await first, v => Assert.Equal(1, v));
        Assert.Equal(1, reads);

        clock.Advance(TimeSpan.FromSeconds(1.9));
        Assert.Equal(1, await cache.Get("k", Read));
        Assert.Equal(2, await cache.Get("k", Read, fresh: true));

        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(3, await cache.Get("k", Read));

        cache.Put("k", 42);
        Assert.Equal(42, await cache.Get("k", Read));
        cache.Invalidate("k");
        Assert.Equal(4, await cache.Get("k", Read));
    }

    [Fact]
    public async Task The_cache_holds_a_bounded_number_of_keys_and_does_not_keep_a_failed_read()
    {
        var clock = new FakeTimeProvider();
        var cache = new ReadThroughCache<int, int>(TimeSpan.FromMinutes(1), 50, clock);
        for (var i = 0; i < 500; i++)
        {
            await cache.Get(i, k => Task.FromResult(k));
        }

        Assert.True(cache.Count <= 50);
        await Assert.ThrowsAsync<InvalidOperationException>(() => cache.Get(-1, _ => Task.FromException<int>(new InvalidOperationException())).AsTask());
        Assert.Equal(7, await cache.Get(-1, _ => Task.FromResult(7)));
    }

    [Fact]
    public async Task A_cached_token_validation_serves_only_that_exact_token()
    {
        var options = Options.Create(new PlatformAuthOptions());
        var issuer = new TokenIssuer(new SigningKey(new PlatformAuthOptions { SigningKey = new string('k', 32) }, embedded: false), options, TimeProvider.System);
        var token = issuer.Issue("op@340000-RS", Role.DepartmentOperator, "340000-RS", TimeSpan.FromHours(1));
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = options.Value.Issuer, ValidAudience = options.Value.Audience,
            IssuerSigningKey = new SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes(new string('k', 32))),
        };
        var handler = new CachingTokenHandler(TimeProvider.System);

        Assert.True((await handler.ValidateTokenAsync(token, parameters)).IsValid);
        Assert.True((await handler.ValidateTokenAsync(token, parameters)).IsValid);

        // The same claims signed with another key, and the token with its signature altered: both refused.
        var forged = new TokenIssuer(new SigningKey(new PlatformAuthOptions { SigningKey = new string('x', 32) }, embedded: false), options, TimeProvider.System)
            .Issue("op@340000-RS", Role.DepartmentOperator, "340000-GA", TimeSpan.FromHours(1));
        Assert.False((await handler.ValidateTokenAsync(forged, parameters)).IsValid);
        var altered = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];
        Assert.False((await handler.ValidateTokenAsync(altered, parameters)).IsValid);
    }
}

using System.Security.Cryptography;
using System.Text;
using DataSharing.OpenData;

namespace DataSharing.Tests.OpenData;

/// <summary>Art 39: a keyed hash hides a value yet keeps joins working.</summary>
public sealed class KeyedHashTests
{
    private const string Key = "a test key of thirty-two characters or more";
    private const string OtherKey = "another test key of thirty-two characters";

    [Fact]
    public void Art39_the_same_value_and_key_always_give_the_same_hash()
    {
        var hash = new KeyedHash(Key);
        Assert.Equal(hash.Apply("340104199001011239"), new KeyedHash(Key).Apply("340104199001011239"));
        Assert.NotEqual(hash.Apply("340104199001011239"), hash.Apply("340104199003070021"));
    }

    [Fact]
    public void Art39_another_key_gives_another_hash() =>
        Assert.NotEqual(new KeyedHash(Key).Apply("340104199001011239"), new KeyedHash(OtherKey).Apply("340104199001011239"));

    [Fact]
    public void Art39_it_is_HMAC_SHA256_of_the_UTF8_value_in_lowercase_hex()
    {
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Key), Encoding.UTF8.GetBytes("张三")));
        var hash = new KeyedHash(Key).Apply("张三");
        Assert.Equal(expected, hash);
        Assert.Matches("^[0-9a-f]{64}$", hash);
    }

    [Theory]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(40)]
    public void Art39_a_truncated_hash_is_a_prefix_of_the_full_one(int length)
    {
        var hash = new KeyedHash(Key);
        var truncated = hash.Apply("13812345678", length);
        Assert.Equal(length, truncated.Length);
        Assert.StartsWith(truncated, hash.Apply("13812345678"));
    }

    [Fact]
    public void A_long_value_is_hashed_like_a_short_one()
    {
        var address = string.Concat(Enumerable.Repeat("安徽省合肥市蜀山区长江西路", 100));
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Key), Encoding.UTF8.GetBytes(address)));
        Assert.Equal(expected, new KeyedHash(Key).Apply(address));
    }

    [Fact]
    public void Art39_a_short_key_is_refused() => Assert.Contains("at least 32", Assert.Throws<ArgumentException>(() => new KeyedHash("short")).Message);

    [Theory]
    [InlineData(15)]
    [InlineData(65)]
    public void A_length_outside_16_to_64_is_a_programming_error(int length) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new KeyedHash(Key).Apply("x", length));
}

using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DataSharing.Common;

/// <summary>
/// A stable hash of a value's JSON form. Records holding lists compare by reference, so "is this the same
/// request again?" (idempotent retries, re-submitting a draft) is answered by comparing fingerprints.
/// </summary>
public static class Fingerprint
{
    private static readonly JsonSerializerOptions Options = new()
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static string Of<T>(T value) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(value, Options)));
}

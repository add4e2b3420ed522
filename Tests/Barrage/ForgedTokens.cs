using System.Text;
using DataSharing.Api.Auth;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DataSharing.Tests.Barrage;

/// <summary>
/// Authorization headers that must never admit anyone: unsigned and self-signed tokens claiming the platform admin,
/// a real token with its role rewritten, and tokens signed with the platform's own key that are expired, not yet
/// valid, or for another issuer or audience.
/// </summary>
public static class ForgedTokens
{
    public static IReadOnlyList<(string What, string Header)> All(SigningKey key, string realToken)
    {
        var now = DateTime.UtcNow;
        var admin = new Dictionary<string, object> { ["sub"] = "intruder", ["role"] = "PlatformAdmin" };
        string Signed(SecurityKey with, string issuer = "datasharing-platform", string audience = "datasharing-api", DateTime? notBefore = null, DateTime? expires = null) =>
            new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
            {
                Issuer = issuer,
                Audience = audience,
                Claims = admin,
                IssuedAt = (notBefore ?? now.AddMinutes(-5)).AddMinutes(-1),
                NotBefore = notBefore ?? now.AddMinutes(-5),
                Expires = expires ?? now.AddHours(1),
                SigningCredentials = new SigningCredentials(with, SecurityAlgorithms.HmacSha256),
            });
        SecurityKey Guessed(string secret) => new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret.PadRight(32, '0')));

        var parts = realToken.Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1]));
        var elevated = Base64UrlEncoder.Encode(payload.Replace("\"DepartmentOperator\"", "\"PlatformAdmin\"", StringComparison.Ordinal));
        var none = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""") + "." + Base64UrlEncoder.Encode(
            $$"""{"sub":"intruder","role":"PlatformAdmin","iss":"datasharing-platform","aud":"datasharing-api","exp":{{new DateTimeOffset(now.AddHours(1)).ToUnixTimeSeconds()}}}""") + ".";

        return
        [
            ("alg=none", "Bearer " + none),
            ("HS256 with a guessed key", "Bearer " + Signed(Guessed("secret"))),
            ("HS256 with the issuer name as key", "Bearer " + Signed(Guessed("datasharing-platform"))),
            ("role rewritten, signature kept", $"Bearer {parts[0]}.{elevated}.{parts[2]}"),
            ("expired", "Bearer " + Signed(key.Key, notBefore: now.AddHours(-3), expires: now.AddHours(-2))),
            ("not yet valid", "Bearer " + Signed(key.Key, notBefore: now.AddHours(2), expires: now.AddHours(3))),
            ("another issuer", "Bearer " + Signed(key.Key, issuer: "someone-else")),
            ("another audience", "Bearer " + Signed(key.Key, audience: "someone-else")),
            ("garbage", "Bearer abc.def.ghi"),
            ("huge", "Bearer " + new string('A', 20_000)),
            ("basic scheme", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:admin"))),
        ];
    }
}

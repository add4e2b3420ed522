using DataSharing.Api.Problems;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace DataSharing.Api.Auth;

public static class AuthSetup
{
    public static void AddPlatformAuth(this WebApplicationBuilder builder, bool embedded)
    {
        var options = builder.Configuration.GetSection(PlatformAuthOptions.Section).Get<PlatformAuthOptions>() ?? new();
        options.DevTokens ??= embedded;
        var key = new SigningKey(options, embedded);
        builder.Services.Configure<PlatformAuthOptions>(o =>
        {
            builder.Configuration.GetSection(PlatformAuthOptions.Section).Bind(o);
            o.DevTokens = options.DevTokens;
        });
        builder.Services.AddSingleton(key);
        builder.Services.AddSingleton<TokenIssuer>();
        builder.Services.AddSingleton<DevTokenIssuer>();
        var tokens = new CachingTokenHandler(TimeProvider.System);
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(jwt =>
        {
            jwt.MapInboundClaims = false;
            jwt.TokenHandlers.Clear();
            jwt.TokenHandlers.Add(tokens);
            tokens.MapInboundClaims = false;
            jwt.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = options.Issuer,
                ValidAudience = options.Audience,
                IssuerSigningKey = key.Key,
                NameClaimType = PlatformClaims.Subject,
                RoleClaimType = PlatformClaims.Role,
                ClockSkew = TimeSpan.FromSeconds(30),
            };
            jwt.Events = new JwtBearerEvents
            {
                OnMessageReceived = context =>
                {
                    context.Token ??= DashboardSession.TokenFrom(context.Request);
                    return Task.CompletedTask;
                },
                // 401 and 403 are problems too, so a client parses every error one way.
                OnChallenge = async context =>
                {
                    context.HandleResponse();
                    if (DashboardSession.LoginFor(context.Request) is { } login)
                    {
                        context.Response.Redirect(login);
                        return;
                    }

                    await ProblemWriter.Write(context.HttpContext, StatusCodes.Status401Unauthorized, "Authentication required",
                        context.ErrorDescription ?? "Send a bearer token: Authorization: Bearer <token>.");
                },
                OnForbidden = context => ProblemWriter.Write(context.HttpContext, StatusCodes.Status403Forbidden, "Forbidden",
                    "Your role or department may not do this."),
            };
        });
        builder.Services.AddAuthorization(Policies.Add);
    }
}

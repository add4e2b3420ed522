using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DataSharing.Silo.Persistence;

public static class PlatformPostgres
{
    /// <summary>One pooled data source for the platform's own queries (read model, health); Orleans' providers open their own.</summary>
    public static IServiceCollection AddPlatformPostgres(this IServiceCollection services, string connectionString)
    {
        services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        services.AddHealthChecks().AddCheck<PostgresHealthCheck>("database");
        return services;
    }
}

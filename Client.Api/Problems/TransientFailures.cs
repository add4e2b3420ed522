using System.Data.Common;
using System.Net.Sockets;

namespace DataSharing.Api.Problems;

/// <summary>
/// Failures of the infrastructure rather than of the request: the cluster or its database is unreachable or
/// overloaded. They are answered 503 with Retry-After, never 500, because retrying later is the right move.
/// </summary>
public static class TransientFailures
{
    private static readonly string[] TransientTypeNames =
    [
        "Orleans.Runtime.SiloUnavailableException",
        "Orleans.Runtime.OrleansMessageRejectionException",
        "Orleans.Runtime.Messaging.ConnectionFailedException",
        "Orleans.Runtime.ClientNotAvailableException",
        "Orleans.Runtime.GatewayTooBusyException",
        "Orleans.Runtime.OrleansException",
        "Orleans.Storage.InconsistentStateException",
        "Orleans.Runtime.ReminderException",
        "Npgsql.NpgsqlException",
        "Npgsql.PostgresException",
    ];

    public static bool Is(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is TimeoutException or OperationCanceledException or DbException or SocketException)
            {
                return true;
            }

            // Exceptions of types the client cannot load arrive as a fallback that keeps the original type name.
            var name = e.GetType().FullName ?? "";
            var original = e.GetType().GetProperty("ExceptionType")?.GetValue(e) as string;
            if (TransientTypeNames.Any(t => t == name || t == original))
            {
                return true;
            }
        }

        return false;
    }
}

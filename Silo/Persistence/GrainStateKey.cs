using Npgsql;
using NpgsqlTypes;
using Orleans.Runtime;

namespace DataSharing.Silo.Persistence;

/// <summary>
/// A grain's row in <c>orleans_grain_state</c>: the key columns exactly as the Orleans ADO.NET provider derives them
/// (a Guid key as its two halves, an integer key in n1, anything else as the string in the extension), so rows
/// written by either provider are read by the other, and by the read-model reconciler.
/// </summary>
public readonly record struct GrainStateKey(string StateName, long N0, long N1, string Extension, int Hash)
{
    public static GrainStateKey Of(string stateName, GrainId grainId)
    {
        if (grainId.TryGetGuidKey(out var guid, out var guidExtension))
        {
            Span<byte> bytes = stackalloc byte[16];
            guid.TryWriteBytes(bytes);
            return new(stateName, BitConverter.ToInt64(bytes[..8]), BitConverter.ToInt64(bytes[8..]), guidExtension ?? "", HashOf(grainId));
        }

        if (grainId.TryGetIntegerKey(out var integer, out var integerExtension))
        {
            return new(stateName, 0, integer, integerExtension ?? "", HashOf(grainId));
        }

        return new(stateName, 0, 0, grainId.Key.ToString(), HashOf(grainId));
    }

    /// <summary>A statement on this row: $1 to $5 are the service and the key columns, in the table's key order.</summary>
    public NpgsqlBatchCommand Statement(string sql, string serviceId)
    {
        var statement = new NpgsqlBatchCommand(sql);
        statement.Parameters.Add(new() { Value = serviceId, NpgsqlDbType = NpgsqlDbType.Varchar });
        statement.Parameters.Add(new() { Value = StateName, NpgsqlDbType = NpgsqlDbType.Varchar });
        statement.Parameters.Add(new() { Value = N0 });
        statement.Parameters.Add(new() { Value = N1 });
        statement.Parameters.Add(new() { Value = Extension, NpgsqlDbType = NpgsqlDbType.Varchar });
        return statement;
    }

    // The column is informational (no query uses it): Orleans' own uniform hash of the id.
    private static int HashOf(GrainId grainId) => unchecked((int)grainId.GetUniformHashCode());

    public override string ToString() => $"{StateName}/{N0}/{N1}/{Extension}";
}

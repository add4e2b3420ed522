using Npgsql;
using NpgsqlTypes;

namespace DataSharing.Silo.Persistence;

/// <summary>Rows a group commit writes together: one statement for every row of the kind in the transaction.</summary>
public interface IRowKind
{
    NpgsqlBatchCommand Statement(IReadOnlyList<object> rows);
}

/// <summary>
/// A kind of row and the statement that writes a list of them (typically an INSERT ... SELECT FROM unnest(...) of one
/// array parameter per column).
/// </summary>
public sealed class RowKind<T>(Func<IReadOnlyList<T>, NpgsqlBatchCommand> statement) : IRowKind
{
    public NpgsqlBatchCommand Statement(IReadOnlyList<object> rows) => statement(rows.Cast<T>().ToList());
}

/// <summary>Array parameters of multi-row statements.</summary>
public static class RowColumns
{
    /// <summary>
    /// Joins the elements of a list column into one text (arrays of arrays cannot be unnested in PostgreSQL; the
    /// statement splits it back with string_to_array). U+001F is a control character, which no input may contain.
    /// </summary>
    public const string ListSeparator = "\u001f";

    public static void Add<TValue>(this NpgsqlBatchCommand command, string name, NpgsqlDbType type, IEnumerable<TValue> values) =>
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Array | type) { Value = values.ToArray() });

    public static string? Joined(IEnumerable<string>? list) => list is null ? null : string.Join(ListSeparator, list);

    /// <summary>The first column of every row a query returns, as text (e.g. a page of department codes).</summary>
    public static async Task<List<string>> ReadStrings(this NpgsqlCommand command)
    {
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}

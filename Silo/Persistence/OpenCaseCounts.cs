using DataSharing.Cases;
using Npgsql;

namespace DataSharing.Silo.Persistence;

/// <summary>
/// The grouped count of open cases against <see cref="DueBounds"/>, for the tables that list cases by a due_at column:
/// a query selects the kind, the status and the department, then <see cref="Columns"/>, grouped by the first three.
/// </summary>
internal static class OpenCaseCounts
{
    /// <summary>Open, overdue, due by the end of today, due by the end of the week (overdue ones not counted as due).</summary>
    public const string Columns = """
        count(*)::integer,
        (count(*) FILTER (WHERE due_at <= @now))::integer,
        (count(*) FILTER (WHERE due_at > @now AND due_at <= @todayEnds))::integer,
        (count(*) FILTER (WHERE due_at > @now AND due_at <= @weekEnds))::integer
        """;

    public static async Task<IReadOnlyList<OpenCaseCount>> Read(NpgsqlCommand command, DueBounds bounds)
    {
        command.Parameters.AddWithValue("now", bounds.Now.ToUniversalTime());
        command.Parameters.AddWithValue("todayEnds", bounds.TodayEnds.ToUniversalTime());
        command.Parameters.AddWithValue("weekEnds", bounds.WeekEnds.ToUniversalTime());
        var counts = new List<OpenCaseCount>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            counts.Add(new OpenCaseCount(reader.GetString(0), reader.GetString(1), reader.GetString(2),
                reader.GetInt32(3), reader.GetInt32(4), reader.GetInt32(5), reader.GetInt32(6)));
        }

        return counts;
    }
}

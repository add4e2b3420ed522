using DataSharing.Assessment;
using DataSharing.Cases;
using Npgsql;
using NpgsqlTypes;

namespace DataSharing.Silo.Persistence;

/// <summary>
/// The cluster-mode assessment: table assessed_cases (migration 0007), one row per case, written through the silo's
/// group commit. An assessment is one query: counts by kind and timeliness and the median answer time
/// (percentile_cont) per department, over the (department, year) index.
/// </summary>
public sealed class PostgresAssessmentStore(NpgsqlDataSource database, PostgresGroupCommit commit) : IAssessmentStore
{
    public Task Record(AssessedCase fact) => commit.Write([], Facts, fact);

    /// <summary>The facts of a group commit in one multi-row upsert, a case once (its newest version).</summary>
    private static readonly RowKind<AssessedCase> Facts = new(given =>
    {
        var facts = given.GroupBy(f => (f.Kind, f.CaseId)).Select(g => g.MaxBy(f => f.Version)!).ToList();
        var upsert = new NpgsqlBatchCommand("""
            INSERT INTO assessed_cases (kind, case_id, department, year, received_on, timeliness, answered_on, answer_working_days, version, written_at)
            SELECT k, c, d, y, r, t, a, w, v, now()
            FROM unnest(@k, @c, @d, @y, @r, @t, @a, @w, @v) AS f(k, c, d, y, r, t, a, w, v)
            ON CONFLICT (kind, case_id) DO UPDATE SET
                department = EXCLUDED.department, year = EXCLUDED.year, received_on = EXCLUDED.received_on,
                timeliness = EXCLUDED.timeliness, answered_on = EXCLUDED.answered_on,
                answer_working_days = EXCLUDED.answer_working_days, version = EXCLUDED.version, written_at = now()
            WHERE assessed_cases.version < EXCLUDED.version
               OR (assessed_cases.version = EXCLUDED.version
                   AND (assessed_cases.department, assessed_cases.received_on, assessed_cases.timeliness, assessed_cases.answered_on, assessed_cases.answer_working_days)
                       IS DISTINCT FROM (EXCLUDED.department, EXCLUDED.received_on, EXCLUDED.timeliness, EXCLUDED.answered_on, EXCLUDED.answer_working_days))
            """);
        upsert.Add("k", NpgsqlDbType.Text, facts.Select(f => f.Kind));
        upsert.Add("c", NpgsqlDbType.Text, facts.Select(f => f.CaseId));
        upsert.Add("d", NpgsqlDbType.Text, facts.Select(f => f.Department));
        upsert.Add("y", NpgsqlDbType.Integer, facts.Select(f => f.ReceivedOn.Year));
        upsert.Add("r", NpgsqlDbType.Date, facts.Select(f => f.ReceivedOn));
        upsert.Add("t", NpgsqlDbType.Text, facts.Select(f => f.Timeliness.ToString()));
        upsert.Add("a", NpgsqlDbType.Date, facts.Select(f => f.AnsweredOn));
        upsert.Add("w", NpgsqlDbType.Integer, facts.Select(f => f.AnswerWorkingDays));
        upsert.Add("v", NpgsqlDbType.Integer, facts.Select(f => f.Version));
        return upsert;
    });

    public async Task<AssessedCase?> Find(string kind, string caseId)
    {
        // The table's key: one row, read without the group commit (what it committed is what this reads).
        await using var command = database.CreateCommand("""
            SELECT department, received_on, timeliness, answered_on, version, answer_working_days
            FROM assessed_cases
            WHERE kind = @kind AND case_id = @caseId
            """);
        command.Parameters.AddWithValue("kind", kind);
        command.Parameters.AddWithValue("caseId", caseId);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync()
            ? new AssessedCase(caseId, kind, reader.GetString(0), reader.GetFieldValue<DateOnly>(1), Enum.Parse<Timeliness>(reader.GetString(2)),
                reader.IsDBNull(3) ? null : reader.GetFieldValue<DateOnly>(3), reader.GetInt32(4), reader.IsDBNull(5) ? null : reader.GetInt32(5))
            : null;
    }

    public async Task<IReadOnlyList<DepartmentAssessment>> Assess(IReadOnlyList<string> departments, int year)
    {
        // The (department, kind, timeliness) groups count the cases; the (department) group only computes the median
        // of the answer times of share requests.
        await using var command = database.CreateCommand("""
            SELECT department, kind, timeliness, count(*)::integer,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY answer_working_days)
                       FILTER (WHERE kind = @shareRequest AND answer_working_days IS NOT NULL),
                   GROUPING(kind, timeliness) <> 0
            FROM assessed_cases
            WHERE department = ANY (@departments) AND year = @year AND timeliness <> @excluded
            GROUP BY GROUPING SETS ((department, kind, timeliness), (department))
            """);
        command.Parameters.AddWithValue("departments", departments.Distinct().ToArray());
        command.Parameters.AddWithValue("year", year);
        command.Parameters.AddWithValue("shareRequest", CaseKinds.ShareRequest);
        command.Parameters.AddWithValue("excluded", nameof(Timeliness.Excluded));

        var counts = departments.Distinct().ToDictionary(d => d, _ => new Dictionary<(string, Timeliness), int>());
        var medians = new Dictionary<string, double?>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var department = reader.GetString(0);
                if (reader.GetBoolean(5))
                {
                    medians[department] = reader.IsDBNull(4) ? null : reader.GetDouble(4);
                }
                else
                {
                    counts[department][(reader.GetString(1), Enum.Parse<Timeliness>(reader.GetString(2)))] = reader.GetInt32(3);
                }
            }
        }

        return departments.Select(d => Assessments.Of(d, year, counts[d], medians.GetValueOrDefault(d))).ToList();
    }

    public async Task<IReadOnlyList<DailyAnswers>> AnswersByDay(string kind, DateOnly from, DateOnly until)
    {
        // An index range of (kind, answered_on) (migration 0017): the answers of the days asked, however many years
        // of answers the table holds.
        await using var command = database.CreateCommand("""
            SELECT answered_on, count(*)::integer, (count(*) FILTER (WHERE timeliness = @onTime))::integer
            FROM assessed_cases
            WHERE kind = @kind AND answered_on >= @from AND answered_on < @until AND timeliness IN (@onTime, @late)
            GROUP BY answered_on
            ORDER BY answered_on
            """);
        command.Parameters.AddWithValue("kind", kind);
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("until", until);
        command.Parameters.AddWithValue("onTime", nameof(Timeliness.OnTime));
        command.Parameters.AddWithValue("late", nameof(Timeliness.Late));
        var days = new List<DailyAnswers>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            days.Add(new DailyAnswers(reader.GetFieldValue<DateOnly>(0), reader.GetInt32(1), reader.GetInt32(2)));
        }

        return days;
    }
}

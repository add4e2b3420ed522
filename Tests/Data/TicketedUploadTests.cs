using System.Net;
using System.Text.Json;
using DataSharing.Common;
using DataSharing.Data;
using DataSharing.Silo.Persistence;
using DataSharing.Tests.Api;
using DataSharing.Tests.Support;
using Npgsql;

namespace DataSharing.Tests.Data;

/// <summary>
/// Uploads in cluster mode (issue 11, Art 17 and 19): the API process checks and COPYs the rows itself under a ticket
/// the entry's grain issues, and only the grain applies them, whole, as the provider's bad-row policy says. Real
/// PostgreSQL: the version tables and the stages are looked at directly.
/// </summary>
public sealed class TicketedUploadTests(TicketedUploadPlatform platform) : IClassFixture<TicketedUploadPlatform>
{
    // The entry and rows of the embedded-mode upload tests: 340000-GA-0001 (household registration), key item idNumber.
    private const string Entry = DataApiTests.Entry;

    private static readonly string[] People = DataApiTests.People;

    private static readonly Actor Provider = Actors.Operator("340000-GA");

    private static StringContent Csv(params string[] rows) => DataApiTests.Csv(rows);

    private static Task<JsonElement> Body(HttpResponseMessage response) => DataApiTests.Body(response);

    private async Task<HttpResponseMessage> Upload(HttpContent content, string query = "")
    {
        var provider = await platform.ClientFor("DepartmentOperator", "340000-GA");
        return await provider.PostAsync($"/api/catalog/{Entry}/data{query}", content);
    }

    private async Task<long> Records() => (await Body(await (await platform.ClientFor("DepartmentOperator", "340000-GA"))
        .GetAsync($"/api/catalog/{Entry}/data/freshness"))).GetProperty("records").GetInt64();

    /// <summary>Version tables in the database (served or staged) and stages: after any upload ends, one table and no stage.</summary>
    private async Task<(long Tables, long Stages)> Leftovers() =>
        (await platform.Scalar<long>("SELECT count(*) FROM pg_tables WHERE tablename LIKE 'data_records_%'"),
         await platform.Scalar<long>("SELECT count(*) FROM data_upload_stages"));

    private static DataUploadTarget TargetOf(DataUploadTicket ticket) =>
        new(ticket.Upload.Id, ticket.Upload.EntryCode, ticket.Upload.Request.Mode, ticket.Items.Count, ticket.KeyColumn);

    private static DataUploadRequest Replace => new(UploadMode.Replace, BadRowPolicy.Reject, "csv");

    [Fact]
    public async Task Art17_the_api_loads_a_ticketed_upload_and_the_grain_applies_it_whole()
    {
        var first = await Upload(Csv(People));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var applied = await Body(first);
        Assert.Equal("Applied", applied.GetProperty("status").GetString());
        Assert.Equal(3, applied.GetProperty("rowsApplied").GetInt64());
        Assert.Equal(3, applied.GetProperty("quality").GetProperty("rowsChecked").GetInt64());
        Assert.Equal(3, await Records());

        // A replacement: the new version whole, the previous one's table dropped, no stage left.
        var second = await Upload(Csv(People[..2]));
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(2, await Records());
        Assert.Equal((1L, 0L), await Leftovers());

        // The upload's progress and end are the grain's: GET .../uploads/{id} answers as for any upload.
        var provider = await platform.ClientFor("DepartmentOperator", "340000-GA");
        var shown = await Body(await provider.GetAsync(second.Headers.Location));
        Assert.Equal("Applied", shown.GetProperty("status").GetString());
        Assert.Equal(2, shown.GetProperty("rowsReceived").GetInt64());
    }

    [Fact]
    public async Task Art17_Art19_under_Reject_a_bad_row_leaves_the_previous_version_served()
    {
        Assert.Equal(HttpStatusCode.Created, (await Upload(Csv(People))).StatusCode);

        var rejected = await Upload(Csv("赵六,340104199003079999,合肥市,1990-03-07", People[0]));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, rejected.StatusCode);
        var problem = await Body(rejected);
        Assert.Equal("Rejected", problem.GetProperty("upload").GetProperty("status").GetString());
        Assert.Equal(0, problem.GetProperty("upload").GetProperty("rowsApplied").GetInt64());
        var provider = await platform.ClientFor("DepartmentOperator", "340000-GA");
        var errors = (await Body(await provider.GetAsync(problem.GetProperty("errors").GetString()))).GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(errors, e => e.GetProperty("line").GetInt64() == 1 && e.GetProperty("field").GetString() == "idNumber");

        Assert.Equal(3, await Records());
        Assert.Equal((1L, 0L), await Leftovers());
    }

    [Fact]
    public async Task Art19_under_Quarantine_the_good_rows_are_applied_and_the_bad_ones_reported_with_line_and_field()
    {
        Assert.Equal(HttpStatusCode.Created, (await Upload(Csv(People))).StatusCode);

        var quarantined = await Upload(Csv(People[0], "坏行,34010419900307123X,合肥市,1990-03-07", People[1], "钱七,340104199512310011,合肥市,1995-13-31"),
            "?badRows=quarantine");
        Assert.Equal(HttpStatusCode.Created, quarantined.StatusCode);
        var applied = await Body(quarantined);
        Assert.Equal(2, applied.GetProperty("rowsApplied").GetInt64());
        Assert.Equal(2, applied.GetProperty("rowsWithErrors").GetInt64());
        Assert.Equal(2, applied.GetProperty("quality").GetProperty("rowsWithErrors").GetInt64());

        var provider = await platform.ClientFor("DepartmentOperator", "340000-GA");
        var errors = (await Body(await provider.GetAsync($"/api/catalog/{Entry}/data/uploads/{applied.GetProperty("id").GetString()}/errors")))
            .GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(errors, e => e.GetProperty("line").GetInt64() == 2 && e.GetProperty("field").GetString() == "idNumber");
        Assert.Contains(errors, e => e.GetProperty("line").GetInt64() == 4 && e.GetProperty("field").GetString() == "birthDate");
        Assert.Equal(2, await Records());
        Assert.Equal((1L, 0L), await Leftovers());
    }

    [Fact]
    public async Task Art17_a_forged_foreign_or_expired_ticket_is_refused_and_applies_nothing()
    {
        Assert.Equal(HttpStatusCode.Created, (await Upload(Csv(People))).StatusCode);
        var resource = platform.Grains.GetGrain<IDataResourceGrain>(Entry);
        var ticket = await resource.IssueTicket(Replace, Provider);

        // Only the providing department is issued one (Art 17).
        await Assert.ThrowsAsync<NotEntitledException>(() => resource.IssueTicket(Replace, Actors.Operator("340000-RS")));

        // Staged by the holder, as the API does.
        await using (var stage = await platform.Records.Stage(TargetOf(ticket)))
        {
            await stage.Add("340104199512310011", ["周九", "340104199512310011", "合肥市", "1995-12-31"]);
            await stage.Commit();
        }

        var done = new DataUploadProgress(1, 0);
        // Forged: the right upload, a made-up token.
        await Assert.ThrowsAsync<NotEntitledException>(() => resource.CompleteTicket(ticket with { Token = new string('0', ticket.Token.Length) }, done));
        // Foreign: this entry's ticket shown to another entry's grain, or one naming another upload.
        await Assert.ThrowsAsync<NotEntitledException>(() => platform.Grains.GetGrain<IDataResourceGrain>("340000-RS-0001").CompleteTicket(ticket, done));
        await Assert.ThrowsAsync<NotEntitledException>(() => resource.CompleteTicket(ticket with { Upload = ticket.Upload with { Id = "UP-other" } }, done));
        // A later expiry written into the ticket changes nothing: the grain keeps its own. (The clock stays ahead for
        // the class's other tests, which do not mind.)
        platform.Clock.Advance(DataResourceGrain.TicketLifetime + TimeSpan.FromMinutes(1));
        await Assert.ThrowsAsync<IllegalTransitionException>(() => resource.CompleteTicket(ticket with { ExpiresAt = DateTimeOffset.MaxValue }, done));

        // Expired, the upload ended unapplied and its stage was dropped; the previous version is served.
        Assert.Equal(3, await Records());
        Assert.Equal((1L, 0L), await Leftovers());
        await Assert.ThrowsAsync<NotEntitledException>(() => resource.CompleteTicket(ticket, done));
    }

    [Fact]
    public async Task Art17_an_api_process_that_dies_mid_copy_or_after_staging_leaves_the_previous_version_served_and_no_table_after_cleanup()
    {
        Assert.Equal(HttpStatusCode.Created, (await Upload(Csv(People))).StatusCode);
        var resource = platform.Grains.GetGrain<IDataResourceGrain>(Entry);

        // Mid-COPY: another process's connection (its own pool), killed by the server while rows stream in.
        var ticket = await resource.IssueTicket(Replace, Provider);
        await using (var apiProcess = NpgsqlDataSource.Create(platform.ConnectionString))
        {
            var stage = await new PostgresDataRecordStore(apiProcess).Stage(TargetOf(ticket));
            for (var i = 0; i < 5000; i++)
            {
                await stage.Add($"K{i:D17}", ["某", $"K{i:D17}", "合肥市", "1990-01-01"]);
            }

            Assert.Equal(1L, await platform.Scalar<long>(
                "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity " +
                "WHERE datname = current_database() AND query LIKE 'COPY %' AND pid <> pg_backend_pid()"));
            await Assert.ThrowsAnyAsync<Exception>(async () =>
            {
                for (var i = 0; i < 100_000; i++)
                {
                    await stage.Add($"L{i:D17}", ["某", $"L{i:D17}", "合肥市", "1990-01-01"]);
                }

                await stage.Commit();
            });
            try
            {
                await stage.DisposeAsync();
            }
            catch (NpgsqlException)
            {
                // The connection is gone: nothing to roll back that the server has not already.
            }
        }

        Assert.Equal(3, await Records());
        Assert.Equal((1L, 0L), await Leftovers());
        // Gone for good: the grain gives the upload up (as its idle check does when no progress comes).
        await resource.Abort(ticket.Upload.Id, "The API process is gone.");

        // After staging, before asking the grain: the stage is committed but read by nobody...
        ticket = await resource.IssueTicket(Replace, Provider);
        await using (var stage = await platform.Records.Stage(TargetOf(ticket)))
        {
            await stage.Add("340104199512310011", ["周九", "340104199512310011", "合肥市", "1995-12-31"]);
            await stage.Commit();
        }

        Assert.Equal(3, await Records());
        Assert.Equal((2L, 1L), await Leftovers());
        // ...and dropped when the grain gives the upload up.
        await resource.Abort(ticket.Upload.Id, "The API process is gone.");
        Assert.Equal((1L, 0L), await Leftovers());

        // A stage whose ticket the grain lost (its silo died): swept when the entry's next upload opens.
        await using (var stage = await platform.Records.Stage(new DataUploadTarget("UP-lost", Entry, UploadMode.Replace, 4, 1)))
        {
            await stage.Add("340104199512310011", ["周九", "340104199512310011", "合肥市", "1995-12-31"]);
            await stage.Commit();
        }

        Assert.Equal(HttpStatusCode.Created, (await Upload(Csv(People[..1]))).StatusCode);
        Assert.Equal(1, await Records());
        Assert.Equal((1L, 0L), await Leftovers());
    }
}

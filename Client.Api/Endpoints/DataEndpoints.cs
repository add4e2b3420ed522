using System.Text;
using System.Text.Json;
using DataSharing.Api.Auth;
using DataSharing.Api.Hosting;
using DataSharing.Api.Problems;
using DataSharing.Common;
using DataSharing.Data;
using DataSharing.Federation;
using DataSharing.Sharing;
using Microsoft.AspNetCore.Mvc;

namespace DataSharing.Api.Endpoints;

/// <summary>
/// The data of catalog entries (Art 17, 19, 21): the provider uploads it, a granted department reads it within its
/// grant, anyone signed in sees how fresh it is.
/// </summary>
public static class DataEndpoints
{
    /// <summary>Rows sent to the entry's grain per call: large enough that the call costs little per row, small enough to stay a few hundred kilobytes.</summary>
    private const int RowsPerBatch = 2000;

    public static void MapData(this IEndpointRouteBuilder app, ApiOptions options)
    {
        var group = app.MapGroup("/api/catalog/{code}/data").WithTags("Data");

        group.MapPost("/", Upload)
            .RequireAuthorization(Policies.DepartmentStaff)
            .WithMetadata(new RequestSizeLimitAttribute(options.MaxUploadBytes))
            .Accepts<string>("text/csv", "application/json")
            .WithSummary("Uploads the entry's records (Art 17), streamed: text/csv with a header row of data item names, or a JSON array of objects. "
                + "mode=replace (default) or upsert (by the entry's key item); badRows=reject (default: one bad row rejects the upload) or quarantine "
                + "(good rows applied, bad rows reported). 201 when applied, 422 when rejected; the errors are at .../uploads/{id}/errors.");

        group.MapGet("/uploads/{uploadId}", async (string code, string uploadId, HttpContext http, IGrainFactory grains) =>
            await grains.GetGrain<IDataResourceGrain>(code).GetUpload(uploadId, http.User.ToActor()))
            .WithSummary("One upload and its progress (rows received so far while it is receiving).");

        group.MapGet("/uploads/{uploadId}/errors", async (string code, string uploadId, int? limit, string? after, HttpContext http, IGrainFactory grains) =>
            await grains.GetGrain<IDataResourceGrain>(code).GetUploadErrors(uploadId, PageRequest.Of(limit, after), http.User.ToActor()))
            .WithSummary("The errors an upload reported, by line and data item; a page (limit, after).");

        group.MapGet("/freshness", async (string code, IGrainFactory grains) =>
            await grains.GetGrain<IDataResourceGrain>(code).Get())
            .WithSummary("How many records the entry has, when they were last updated, when the next update is due and how stale they are (Art 17).");

        group.MapPost("/quality-checks", async (string code, HttpContext http, IGrainFactory grains) =>
            await grains.GetGrain<IDataResourceGrain>(code).CheckQuality(http.User.ToActor()))
            .RequireAuthorization()
            .WithSummary("Checks the entry's stored records against its data items' rules now (Art 19; the provider or oversight): "
                + "records checked, errors by rule and by data item, the first errors. A quality error can be taken up as a review "
                + "(POST /api/reviews with the data item and the error as evidence, Art 26).");

        group.MapGet("/quality", async (string code, IGrainFactory grains) =>
            await grains.GetGrain<IDataResourceGrain>(code).GetQuality() is { } check ? Results.Ok(check) : Results.NoContent())
            .WithSummary("The latest quality check of the entry's stored records (periodic, every 30 days, or on request); 204 when none ran yet.");

        group.MapGet("/", Read)
            .RequireAuthorization(Policies.DepartmentStaff)
            .WithSummary("Reads a page of the entry's records within your department's grant (Art 21): items (comma-separated) and scenario are "
                + "required; only granted items are served; the read is recorded like an access check. format=json (default) or csv. "
                + "Records of an entry under an open review are served and marked (Art 26). An entry of another platform (a catalog copy) is read "
                + "from that platform, which checks the grant it holds and records the read (Art 23); X-Served-By names it.");
    }

    private static async Task<IResult> Upload(string code, string? mode, string? badRows, HttpContext http, IGrainFactory grains)
    {
        if (FormatOf(http.Request.ContentType) is not { } format)
        {
            return Problem(http, StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                "Send the records as text/csv (with a header row) or application/json (an array of objects).", "content-type");
        }

        var request = new DataUploadRequest(Parse(mode, "mode", UploadMode.Replace), Parse(badRows, "badRows", BadRowPolicy.Reject), format);

        var resource = grains.GetGrain<IDataResourceGrain>(code);
        // Cluster mode: this process loads the rows itself under the grain's ticket; embedded: they go to the grain.
        var ticketed = http.RequestServices.GetService<TicketedUploads>();
        var ticket = ticketed is null ? null : await resource.IssueTicket(request, http.User.ToActor());
        var started = ticket is null ? await resource.BeginUpload(request, http.User.ToActor()) : null;
        var id = ticket?.Upload.Id ?? started!.Upload.Id;
        var columns = started?.Columns ?? ticket!.Items.Select(i => i.Name).ToList();
        DataUploadView done;
        try
        {
            var rows = request.Format == "csv"
                ? DataUploadReader.Csv(http.Request.Body, columns, http.RequestAborted)
                : DataUploadReader.Json(http.Request.Body, columns, http.RequestAborted);
            done = ticket is null ? await ThroughGrain(resource, id, rows) : await ticketed!.Run(resource, ticket, rows, http.RequestAborted);
        }
        catch (DataUploadReader.UnreadableException e)
        {
            await resource.Abort(id, e.Message);
            return Problem(http, StatusCodes.Status400BadRequest, "Unreadable upload", $"{e.Message} Nothing was applied.", e.Field);
        }
        catch (Exception e) when (e is OperationCanceledException or BadHttpRequestException or IOException)
        {
            // The client went away (or sent more than the limit) mid-stream: the upload ends unapplied.
            await resource.Abort(id, "The upload stream was cut off before its end; nothing was applied.");
            throw;
        }
        catch (Exception e) when (ticket is not null && e is not DomainException)
        {
            // This process's load failed (the database, most likely): the grain hears of it now rather than holding the
            // entry's uploads until the ticket is given up as idle. A refusal by the grain has ended the upload already.
            await AbortQuietly(resource, id, "The data could not be stored; nothing was applied. Upload it again.");
            throw;
        }

        if (done.Status == DataUploadStatus.Applied)
        {
            return Results.Created($"/api/catalog/{code}/data/uploads/{id}", done);
        }

        return Problem(http, StatusCodes.Status422UnprocessableEntity, "Upload rejected", done.Problem ?? "The upload was not applied.", "body",
            new Dictionary<string, object?> { ["upload"] = done, ["errors"] = $"/api/catalog/{code}/data/uploads/{id}/errors" });
    }

    /// <summary>The rows sent to the entry's grain, one batch in flight while the next is parsed: the API's parsing overlaps the grain's checks and writes.</summary>
    private static async Task<DataUploadView> ThroughGrain(IDataResourceGrain resource, string id, IAsyncEnumerable<DataRow> rows)
    {
        var batch = new DataRowBatch.Builder();
        Task sending = Task.CompletedTask;
        await foreach (var row in rows)
        {
            batch.Add(row);
            if (batch.Count == RowsPerBatch)
            {
                await sending;
                sending = resource.Append(id, batch.Build());
            }
        }

        await sending;
        if (batch.Count > 0)
        {
            await resource.Append(id, batch.Build());
        }

        return await resource.Complete(id);
    }

    private static async Task AbortQuietly(IDataResourceGrain resource, string id, string reason)
    {
        try
        {
            await resource.Abort(id, reason);
        }
        catch (DomainException)
        {
            // Ended already (given up, or refused with its ticket): nothing to stop.
        }
    }

    private static async Task<IResult> Read(string code, string? items, string? scenario, string? format, int? limit, string? after,
        HttpContext http, IGrainFactory grains, FederationRouting routing, FederationReads federation)
    {
        var page = PageRequest.Of(limit, after);
        var wanted = (items ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (wanted.Length == 0)
        {
            throw new ValidationFailedException("items", "Name the data items to read (items=a,b): only granted items are served (Art 21).", "Art 21");
        }

        var csv = (format ?? "json").ToLowerInvariant() switch
        {
            "json" => false,
            "csv" => true,
            _ => throw new ValidationFailedException("format", "format is json or csv."),
        };
        var check = new AccessCheckRequest(http.User.Department(), code, wanted, scenario ?? "");
        var request = new DataReadRequest(check, page);
        var owner = routing.RemotePlatformOfEntry(code);
        // Another platform's entry is read there, where its grants are kept and its data is served (Art 23).
        var result = owner is not null
            ? await federation.Read(owner, request, http.User.ToActor())
            : await grains.GetGrain<IAccessGateGrain>(0).Read(request, http.User.ToActor());

        http.Response.Headers["X-Access-Check"] = result.Check.Id;
        if (owner is not null)
        {
            http.Response.Headers["X-Served-By"] = owner;
        }

        if (result.UnderReview)
        {
            http.Response.Headers["X-Under-Review"] = "true";
        }

        if (!csv)
        {
            return Results.Ok(new
            {
                items = result.Records.Items.Select(r => new { key = r.Key, values = result.Columns.Zip(r.Values).ToDictionary(p => p.First, p => p.Second) }),
                next = result.Records.Next,
                columns = result.Columns,
                underReview = result.UnderReview,
                accessCheck = result.Check.Id,
            });
        }

        if (result.Records.Next is { } next)
        {
            http.Response.Headers["X-Next-Cursor"] = next;
        }

        var text = new StringBuilder().AppendRow(result.Columns);
        foreach (var record in result.Records.Items)
        {
            text.AppendRow(record.Values.Select(v => v ?? ""));
        }

        return CsvText.Result(text, $"{code}.csv");
    }

    private static string? FormatOf(string? contentType) =>
        contentType?.Split(';')[0].Trim().ToLowerInvariant() switch
        {
            "text/csv" => "csv",
            "application/json" => "json",
            _ => null,
        };

    private static T Parse<T>(string? value, string field, T fallback)
        where T : struct, Enum =>
        value is null ? fallback
        : Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !char.IsDigit(value[0]) ? parsed
        : throw new ValidationFailedException(field, $"{field} is one of: {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}.");

    private static IResult Problem(HttpContext http, int status, string title, string detail, string? field, Dictionary<string, object?>? more = null)
    {
        var extensions = more ?? [];
        if (field is not null)
        {
            extensions["field"] = field;
        }

        return new ProblemResult(status, title, detail, extensions);
    }

    private sealed class ProblemResult(int status, string title, string detail, Dictionary<string, object?> extensions) : IResult
    {
        public Task ExecuteAsync(HttpContext http) => ProblemWriter.Write(http, status, title, detail, extensions);
    }
}

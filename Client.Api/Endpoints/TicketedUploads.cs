using System.Diagnostics;
using DataSharing.Common;
using DataSharing.Data;

namespace DataSharing.Api.Endpoints;

/// <summary>
/// Uploads in cluster mode (Art 17, 19): this process checks the rows and COPYs the good ones into the upload's stage
/// itself, on its own connection and transaction, under a ticket the entry's grain issued; the grain applies the
/// stage when asked and keeps the upload's state machine (bad-row policy, commit or rejection, audit record). Sending
/// every row to the grain cost a million-row upload about 1.25 CPU-seconds in two silos (the grain's and the gateway
/// that forwarded it) besides the API's own, on a machine whose cores PostgreSQL shares; here the rows never leave
/// the process that parsed them (bench/results/upload-ticket-2026-12-03.md). Registered only in cluster mode: in
/// embedded mode the grain is in this process already.
/// </summary>
public sealed class TicketedUploads(IDataRecordStore records)
{
    /// <summary>How often the grain hears of the upload's progress: it is what GET .../uploads/{id} shows, and it keeps the upload from being given up as idle.</summary>
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(1);

    /// <summary>Loads <paramref name="rows"/> under <paramref name="ticket"/> and asks the grain to end the upload.</summary>
    public async Task<DataUploadView> Run(IDataResourceGrain resource, DataUploadTicket ticket, IAsyncEnumerable<DataRow> rows,
        CancellationToken cancellationToken)
    {
        var upload = ticket.Upload;
        var target = new DataUploadTarget(upload.Id, upload.EntryCode, upload.Request.Mode, ticket.Items.Count, ticket.KeyColumn);
        UploadRows taken;
        await using (var stage = await records.Stage(target, cancellationToken))
        {
            // The rules of the day the upload began, as the grain would have checked them.
            taken = new UploadRows(ticket.Items, ticket.KeyColumn, ShanghaiTime.DateOf(upload.StartedAt), upload.Request.BadRows, stage);
            var since = Stopwatch.StartNew();
            var reporting = Task.CompletedTask;
            await foreach (var row in rows)
            {
                await taken.Take(row, cancellationToken);
                if (since.Elapsed >= ProgressEvery && reporting.IsCompleted)
                {
                    // Refused (the ticket expired, the upload was given up) ends the load here, at the next report.
                    await reporting;
                    reporting = resource.Progress(ticket, taken.Progress());
                    since.Restart();
                }
            }

            await reporting;
            if (!taken.RejectsAll)
            {
                // The stage is committed whole, or there is none: disposal without it rolls the load back.
                await stage.Commit(cancellationToken);
            }
        }

        try
        {
            return await resource.CompleteTicket(ticket, taken.Progress(final: true));
        }
        catch (DomainException)
        {
            // Refused (the ticket expired, or its grain lost it with a silo): the stage will never be applied, so it
            // goes now rather than at the entry's next upload.
            await records.Discard(upload.EntryCode, upload.Id, CancellationToken.None);
            throw;
        }
    }
}

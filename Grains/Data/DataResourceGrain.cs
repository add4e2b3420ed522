using System.Security.Cryptography;
using System.Text;
using DataSharing.Audit;
using DataSharing.Calendar;
using DataSharing.Cases;
using DataSharing.Catalog;
using DataSharing.Common;
using DataSharing.Departments;
using DataSharing.Quality;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace DataSharing.Data;

/// <summary>
/// An entry's data on the platform (Art 17, 19): one upload at a time, validated row by row and applied whole (or
/// rejected whole, as the provider chose), and the freshness deadline its update frequency sets. The records go to
/// the record store through one open writer held by this activation, or, in cluster mode, the API process checks and
/// COPYs them itself under a ticket this grain issues, and this grain applies what it staged (the upload's state
/// machine stays here either way). The state keeps only the latest upload and the deadline, so it stays small however
/// much data passes.
/// </summary>
public sealed class DataResourceGrain(
    [PersistentState("dataResource", StorageNames.Platform)] IPersistentState<DataResourceGrain.State> state,
    IDataRecordStore records,
    PlatformClock clock,
    IAuditLog audit,
    ILogger<DataResourceGrain> logger)
    : Grain, IDataResourceGrain, IRemindable, IDeadlineBearer
{
    /// <summary>An upload that receives nothing for this long is given up (its client is gone) and its transaction released.</summary>
    public static readonly TimeSpan IdleUploadTimeout = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a ticket's holder has to load and commit its upload: a million rows take seconds, so an hour ends only
    /// an upload whose holder is gone and kept reporting progress (one that stops is given up after
    /// <see cref="IdleUploadTimeout"/>).
    /// </summary>
    public static readonly TimeSpan TicketLifetime = TimeSpan.FromHours(1);

    private const string CaseKind = "DataResource";

    /// <summary>How often an entry's stored data is checked again (Art 19: periodic quality checks).</summary>
    public static readonly TimeSpan QualityCheckPeriod = TimeSpan.FromDays(30);

    private const string QualityReminder = "quality";

    private Upload? _open;
    private IGrainTimer? _idleCheck;

    private string Code => this.GetPrimaryKeyString();

    private CaseCommit<State> Commit => new(this, state, GrainFactory, audit, logger, () => Task.CompletedTask);

    public async Task<DataUploadStarted> BeginUpload(DataUploadRequest request, Actor by)
    {
        var upload = await Open(request, by, ticketed: false);
        return new DataUploadStarted(upload.View, upload.Entry.Content.DataItems.Select(i => i.Name).ToList());
    }

    public async Task<DataUploadTicket> IssueTicket(DataUploadRequest request, Actor by) => (await Open(request, by, ticketed: true)).Ticket!;

    /// <summary>Opens an upload after the checks of who uploads and when (Art 17): its rows come here, or go to a ticket's holder.</summary>
    private async Task<Upload> Open(DataUploadRequest request, Actor by, bool ticketed)
    {
        var entry = await GrainFactory.GetGrain<ICatalogEntryGrain>(Code).Get() ?? throw new NotFoundException("Catalog entry", Code);
        if (!by.ActsFor(entry.Content.ProviderDepartment))
        {
            throw new NotEntitledException($"Only {entry.Content.ProviderDepartment} aggregates the data of its entries (Art 17).");
        }

        if (entry.Status == CatalogEntryStatus.Retired)
        {
            throw new IllegalTransitionException(Code, entry.Status.ToString(), "upload", $"Catalog entry {Code} is retired: it takes no more data.");
        }

        if (_open?.View is { } receiving)
        {
            throw new IllegalTransitionException(receiving.Id, receiving.Status.ToString(), "upload",
                $"Upload {receiving.Id} of {Code} is still receiving; wait for it to end (uploads of an entry go one at a time).");
        }

        var items = entry.Content.DataItems;
        int? keyColumn = entry.Content.KeyItem is { } key ? items.ToList().FindIndex(i => i.Name == key) : null;
        if (request.Mode == UploadMode.Upsert && keyColumn is null)
        {
            throw new ValidationFailedException("mode", $"Catalog entry {Code} declares no key item: its data can only be replaced whole (mode=replace).", "Art 17");
        }

        var now = clock.Now;
        var view = new DataUploadView($"UP-{Guid.NewGuid():N}", Code, request, DataUploadStatus.Receiving, 0, 0, 0, now, null, by);
        // Nothing is stored until the upload ends: one that never completes (an unreadable body, a client gone, a silo
        // stopped) leaves no trace but its rolled-back transaction, like any refused request.
        var target = new DataUploadTarget(view.Id, Code, request.Mode, items.Count, keyColumn);
        // A stage left by a ticket's holder that died between staging and asking to commit: no upload of the entry is
        // open now, so none will be applied.
        await records.Discard(Code);
        Upload upload;
        if (ticketed)
        {
            var ticket = new DataUploadTicket(view, items, keyColumn, now + TicketLifetime, Convert.ToHexString(RandomNumberGenerator.GetBytes(32)));
            upload = new Upload(view, entry, target, now) { Ticket = ticket };
        }
        else
        {
            var writer = await records.Begin(target);
            upload = new Upload(view, entry, target, now) { Writer = writer, Rows = new UploadRows(items, keyColumn, ShanghaiTime.DateOf(now), request.BadRows, writer) };
        }

        _open = upload;
        _idleCheck ??= this.RegisterGrainTimer(GiveUpIdle, new GrainTimerCreationOptions(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1)) { Interleave = false });
        return upload;
    }

    public async Task<DataUploadView> Append(string uploadId, DataRowBatch rows)
    {
        var upload = await Receiving(uploadId);
        var taken = RowsOf(upload, "append");
        foreach (var row in rows.Rows())
        {
            await taken.Take(row);
        }

        upload.Count(taken.Progress());
        upload.LastActivity = clock.Now;
        return upload.View;
    }

    public async Task<DataUploadView> Complete(string uploadId)
    {
        var upload = await Receiving(uploadId);
        return await End(upload, RowsOf(upload, "complete").Progress(final: true));
    }

    public async Task<DataUploadView> Progress(DataUploadTicket ticket, DataUploadProgress progress)
    {
        var upload = await Ticketed(ticket, "report progress");
        upload.Count(progress);
        upload.LastActivity = clock.Now;
        return upload.View;
    }

    public async Task<DataUploadView> CompleteTicket(DataUploadTicket ticket, DataUploadProgress final)
    {
        return await End(await Ticketed(ticket, "complete"), final);
    }

    /// <summary>
    /// Applies the upload, or rejects it (bad rows under Reject, a repeated key) with nothing applied, and records which;
    /// <paramref name="final"/> is its rows' last count and quality report, checked here or by a ticket's holder.
    /// </summary>
    private async Task<DataUploadView> End(Upload upload, DataUploadProgress final)
    {
        upload.Count(final);
        upload.Quality = final.Quality;
        var uploadId = upload.View.Id;
        var now = clock.Now;
        var by = upload.View.By;
        DataUploadView done;
        if (upload.RejectsAll)
        {
            await Release(upload);
            done = upload.View with
            {
                Status = DataUploadStatus.Rejected, RowsApplied = 0, FinishedAt = now,
                Problem = $"{upload.View.RowsWithErrors} of {upload.View.RowsReceived} rows have errors; nothing was applied (bad rows: Reject).",
            };
        }
        else
        {
            try
            {
                await (upload.Writer is { } writer ? writer.Commit() : records.Publish(upload.Target));
            }
            catch (ValidationFailedException e)
            {
                // A replacement with a key given twice: which record is the entry's would be a guess (upsert says "the later").
                return await Finish(upload, upload.View with
                {
                    Status = DataUploadStatus.Rejected, RowsApplied = 0, FinishedAt = now,
                    Problem = $"{e.Message} Nothing was applied; an incremental upload (mode=upsert) keeps the later row of a repeated key.",
                }, "upload-rejected", now);
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Upload {Upload} of {Entry} failed to commit.", uploadId, Code);
                await Finish(upload, upload.View with { Status = DataUploadStatus.Failed, FinishedAt = now, Problem = "The data could not be stored; nothing was applied. Upload it again." },
                    "upload-failed", now);
                throw;
            }

            done = upload.View with { Status = DataUploadStatus.Applied, RowsApplied = upload.View.RowsReceived - upload.View.RowsWithErrors, FinishedAt = now };
            state.State.LastUpdatedAt = now;
            await this.RegisterOrUpdateReminder(QualityReminder, QualityCheckPeriod, QualityCheckPeriod);
            state.State.Due = await NextDue(upload.Entry.Content, now);
            state.State.Missed = null;
        }

        return await Finish(upload, done, done.Status == DataUploadStatus.Applied ? "upload-applied" : "upload-rejected", now);
    }

    public async Task<DataUploadView> Abort(string uploadId, string reason)
    {
        var upload = await Receiving(uploadId);
        _open = null;
        await Release(upload);
        return upload.View with { Status = DataUploadStatus.Failed, FinishedAt = clock.Now, Problem = reason };
    }

    public Task<DataUploadView> GetUpload(string uploadId, Actor by)
    {
        var view = _open?.View.Id == uploadId ? _open.View : state.State.Upload?.Id == uploadId ? state.State.Upload : null;
        return view is not null && MaySee(view, by) ? Task.FromResult(view) : throw new NotFoundException("Upload", uploadId);
    }

    public async Task<Page<RowError>> GetUploadErrors(string uploadId, PageRequest page, Actor by)
    {
        var upload = await GetUpload(uploadId, by);
        return await records.Errors(upload.Id, page);
    }

    public async Task<DataResourceView> Get()
    {
        var now = clock.Now;
        var due = state.State.Due ?? state.State.Missed;
        var stale = due is not null && now > due.DueAt;
        return new DataResourceView(Code, await records.Count(Code), state.State.LastUpdatedAt, due?.DueAt, stale,
            stale ? ShanghaiTime.DateOf(now).DayNumber - due!.DueDate.DayNumber : null, _open?.View ?? state.State.Upload);
    }

    /// <summary>
    /// The freshness deadline has come without an update (Art 17: data aggregated in time): an Art 43(5) violation of
    /// the provider, once per missed deadline (its id names the due date).
    /// </summary>
    public async Task<QualityReport> CheckQuality(Actor by)
    {
        var entry = await GrainFactory.GetGrain<ICatalogEntryGrain>(Code).Get() ?? throw new NotFoundException("Catalog entry", Code);
        if (!by.ActsFor(entry.Content.ProviderDepartment) && !Role.IsOversight(by.Role) && by != Actor.System)
        {
            throw new NotEntitledException($"The quality of {Code} is checked by {entry.Content.ProviderDepartment} or by oversight (Art 19).");
        }

        // The records as stored, a page at a time: memory stays flat whatever their number. An error names the record's
        // key, since a stored record has no line.
        var now = clock.Now;
        var items = entry.Content.DataItems;
        var checker = new QualityChecker(items, ShanghaiTime.DateOf(now));
        var report = new QualityAccumulator(UploadRows.MaxErrorsInReport);
        var columns = Enumerable.Range(0, items.Count).ToList();
        long line = 0;
        for (var page = new PageRequest(PageRequest.MaxLimit); ;)
        {
            var stored = await records.Read(Code, columns, page);
            foreach (var record in stored.Items)
            {
                report.Add([.. checker.CheckRow(++line, record.Values).Select(e => e with { Message = $"Record {record.Key}: {e.Message}" })]);
            }

            if (stored.Next is not { } next)
            {
                break;
            }

            page = page with { After = next };
        }

        var result = report.ToReport();
        state.State.Quality = new DataQualityCheck(now, by, result);
        await Record("quality-check", null, $"{result.RowsChecked} records checked, {result.RowsWithErrors} with errors ({result.ErrorCount} errors)",
            by, entry.Content.ProviderDepartment, now);
        return result;
    }

    public Task<DataQualityCheck?> GetQuality() => Task.FromResult(state.State.Quality);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == QualityReminder)
        {
            // Art 19: periodic quality checks, whether or not anyone asks.
            await CheckQuality(Actor.System);
            return;
        }

        var now = clock.Now;
        if (!await Commit.DeadlineHasCome(state.State.Due?.DueAt, now) || state.State.Due is not { } due)
        {
            return;
        }

        var entry = await GrainFactory.GetGrain<ICatalogEntryGrain>(Code).Get();
        var provider = entry?.Content.ProviderDepartment ?? CatalogCodes.DepartmentOf(Code);
        state.State.PendingViolations.Add(new ViolationRecord($"{Code}:stale:{due.DueDate:yyyy-MM-dd}", provider, "Art 43(5)", CaseKind, Code,
            $"The data of catalog entry {Code} was due to be updated by {due.DueDate:yyyy-MM-dd} ({entry?.Content.UpdateFrequency}) and was not (Art 17).", now));
        state.State.Missed = due;
        state.State.Due = null;
        await Record("stale", $"due {due.DueDate:yyyy-MM-dd}", "violation recorded (Art 43(5))", Actor.System, provider, now);
    }

    public async Task<DeadlineMove?> RecomputeDeadline()
    {
        if (state.State.Due is not { Provisional: true } old || state.State.LastUpdatedAt is not { } updated)
        {
            return null;
        }

        await this.ReadCalendarAfresh();
        var entry = await GrainFactory.GetGrain<ICatalogEntryGrain>(Code).Get();
        if (entry is null)
        {
            return null;
        }

        var now = clock.Now;
        state.State.Due = await NextDue(entry.Content, updated);
        await Record(CaseDeadlines.RecomputeAction, $"due {old.DueDate:yyyy-MM-dd}", $"due {state.State.Due?.DueDate:yyyy-MM-dd}", Actor.System,
            entry.Content.ProviderDepartment, now);
        return new DeadlineMove(CaseKind, Code, old.DueDate, state.State.Due?.DueDate ?? old.DueDate, state.State.Due?.Provisional ?? false);
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken) => await Commit.OnActivate(clock.Now);

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_open is { } upload)
        {
            // The open transaction (or the ticket) cannot outlive the activation: the upload ends here, unapplied.
            await Release(upload);
            _open = null;
        }
    }

    /// <summary>
    /// The deadline of the next update after one on <paramref name="updated"/>: the frequency's period, then the entry's
    /// time limit in working days (Art 13: the update time limit). None for an irregular frequency.
    /// </summary>
    private async Task<Deadline?> NextDue(CatalogEntryContent content, DateTimeOffset updated) =>
        UpdateFrequency.NextAfter(content.UpdateFrequency, ShanghaiTime.DateOf(updated)) is { } next
            ? await this.ComputeFrom(next, content.UpdateTimeLimitWorkingDays ?? 0)
            : null;

    private async Task<DataUploadView> Finish(Upload upload, DataUploadView done, string action, DateTimeOffset now)
    {
        // Applied, rejected or failed, the upload is over: its writer lets go of what it holds (in cluster mode, a
        // connection of the silo's pool, which every upload that ended without this kept until the pool ran dry).
        await Release(upload);
        done = done with { Quality = upload.Quality };
        _open = null;
        state.State.Upload = done;
        await Record(action, null,
            $"{done.Id}: {done.RowsReceived} rows received, {done.RowsApplied} applied, {done.RowsWithErrors} with errors{(done.Problem is null ? "" : $"; {done.Problem}")}",
            done.By, upload.Entry.Content.ProviderDepartment, now);
        return done;
    }


    private async Task GiveUpIdle()
    {
        if (_open is { } upload && clock.Now - upload.LastActivity > IdleUploadTimeout)
        {
            await Abort(upload.View.Id, $"Nothing arrived for {IdleUploadTimeout.TotalMinutes:0} minutes; nothing was applied.");
        }
        else if (_open is { Ticket: { } ticket } && clock.Now > ticket.ExpiresAt)
        {
            await Abort(ticket.Upload.Id, Expired(ticket));
        }
    }

    /// <summary>Lets go of what an open upload holds: its writer's transaction, or the stage a ticket's holder left.</summary>
    private async Task Release(Upload upload)
    {
        if (upload.Writer is { } writer)
        {
            await writer.DisposeAsync();
        }
        else
        {
            await records.Discard(Code, upload.View.Id);
        }
    }

    /// <summary>The row checks of an upload whose rows come here; one under a ticket has its holder's.</summary>
    private static UploadRows RowsOf(Upload upload, string action) =>
        upload.Rows ?? throw new IllegalTransitionException(upload.View.Id, upload.View.Status.ToString(), action,
            $"Upload {upload.View.Id} is loaded under a ticket: its rows and its end come from the ticket's holder.");

    /// <summary>
    /// The open upload <paramref name="ticket"/> was issued for, if it is this grain's ticket (its token, compared in
    /// constant time) and has not expired. An expired one ends its upload unapplied (409); one this grain did not issue
    /// for its open upload (made up, altered, or of another entry) is refused (403) and changes nothing.
    /// </summary>
    private async Task<Upload> Ticketed(DataUploadTicket ticket, string action)
    {
        if (_open is { Ticket: { } issued } upload && issued.Upload.Id == ticket.Upload.Id && ticket.Upload.EntryCode == Code
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(issued.Token), Encoding.ASCII.GetBytes(ticket.Token)))
        {
            if (clock.Now <= issued.ExpiresAt)
            {
                return upload;
            }

            var expired = await Abort(issued.Upload.Id, Expired(issued));
            throw new IllegalTransitionException(expired.Id, expired.Status.ToString(), action, $"Upload {expired.Id} has ended: {expired.Problem}");
        }

        if (ticket.Upload.EntryCode == Code && state.State.Upload is { } ended && ended.Id == ticket.Upload.Id)
        {
            throw new IllegalTransitionException(ended.Id, ended.Status.ToString(), action, $"Upload {ended.Id} has ended ({ended.Status}).");
        }

        throw new NotEntitledException($"This ticket was not issued by {Code} for its open upload: nothing was taken from it (Art 17).");
    }

    private static string Expired(DataUploadTicket ticket) => $"Its ticket expired at {ticket.ExpiresAt:u}; nothing was applied.";

    private Task<Upload> Receiving(string uploadId)
    {
        if (_open is { } upload && upload.View.Id == uploadId)
        {
            return Task.FromResult(upload);
        }

        var known = state.State.Upload?.Id == uploadId ? state.State.Upload : null;
        throw known is null
            ? new NotFoundException("Upload", uploadId)
            : new IllegalTransitionException(uploadId, known.Status.ToString(), "append", $"Upload {uploadId} has ended ({known.Status}).");
    }

    /// <summary>The provider's staff and oversight see an entry's uploads.</summary>
    private static bool MaySee(DataUploadView upload, Actor by) =>
        by.ActsFor(CatalogCodes.DepartmentOf(upload.EntryCode)) || Role.IsOversight(by.Role);

    /// <summary>Stores the state with the audit entry of this act (Art 38), arming the freshness deadline that runs now, if any.</summary>
    private Task Record(string action, string? before, string after, Actor by, string provider, DateTimeOffset now) =>
        Commit.Commit(state.State.Due?.DueAt, now, version =>
            new AuditEntry($"{Code}#data{version}", now, by, [provider], CaseKind, Code, action, before, after));

    /// <summary>The upload this activation has open: its rows' writer and checks, or the ticket of the process that has them.</summary>
    private sealed class Upload(DataUploadView view, CatalogEntryView entry, DataUploadTarget target, DateTimeOffset started)
    {
        public DataUploadView View { get; private set; } = view;

        public CatalogEntryView Entry { get; } = entry;

        public DataUploadTarget Target { get; } = target;

        public DateTimeOffset LastActivity { get; set; } = started;

        /// <summary>The open write of an upload whose rows come here; null under a ticket, whose holder writes the stage.</summary>
        public IDataRecordWriter? Writer { get; init; }

        public UploadRows? Rows { get; init; }

        public DataUploadTicket? Ticket { get; init; }

        /// <summary>The upload's quality report (Art 19): of the rows checked here, or as the ticket's holder reported it.</summary>
        public QualityReport? Quality { get; set; }

        /// <summary>Under Reject, one bad row decides the upload: nothing of it is applied.</summary>
        public bool RejectsAll => View.Request.BadRows == BadRowPolicy.Reject && View.RowsWithErrors > 0;

        public void Count(DataUploadProgress progress) =>
            View = View with { RowsReceived = progress.RowsReceived, RowsWithErrors = progress.RowsWithErrors };
    }

    [GenerateSerializer, Alias("DataResourceGrain.State")]
    public sealed class State : ICaseState
    {
        [Id(0)] public int Version { get; set; }
        [Id(1)] public List<ViolationRecord> PendingViolations { get; set; } = [];
        [Id(2)] public List<AuditEntry> PendingAudit { get; set; } = [];
        /// <summary>The upload receiving now, or the last one that ended.</summary>
        [Id(3)] public DataUploadView? Upload { get; set; }
        [Id(4)] public DateTimeOffset? LastUpdatedAt { get; set; }
        /// <summary>When the next update is due (Art 17), or null when the frequency sets none or it was missed (see <see cref="Missed"/>).</summary>
        [Id(5)] public Deadline? Due { get; set; }
        /// <summary>The deadline that passed without an update (its violation recorded), until the next update.</summary>
        [Id(6)] public Deadline? Missed { get; set; }
        /// <summary>The latest quality check of the stored data (on request or periodic): bounded, like every report.</summary>
        [Id(7)] public DataQualityCheck? Quality { get; set; }
    }
}

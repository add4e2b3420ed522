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
/// the record store through one open writer held by this activation; the state keeps only the latest upload and the
/// deadline, so it stays small however much data passes.
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

    /// <summary>Errors kept per upload: enough to correct a file, bounded so a garbage file cannot fill the store.</summary>
    public const int MaxReportedErrors = 10_000;

    /// <summary>Errors quoted in an upload's quality report; all of them are at .../errors.</summary>
    public const int MaxErrorsInReport = 20;

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
        var writer = await records.Begin(new DataUploadTarget(view.Id, Code, request.Mode, items.Count, keyColumn));
        _open = new Upload(view, writer, new RowCheck(items, keyColumn, ShanghaiTime.DateOf(now)), entry, now);
        _idleCheck ??= this.RegisterGrainTimer(GiveUpIdle, new GrainTimerCreationOptions(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1)) { Interleave = false });
        return new DataUploadStarted(view, items.Select(i => i.Name).ToList());
    }

    public async Task<DataUploadView> Append(string uploadId, DataRowBatch rows)
    {
        var upload = await Receiving(uploadId);
        foreach (var row in rows.Rows())
        {
            await upload.Take(row);
        }

        upload.LastActivity = clock.Now;
        return upload.View;
    }

    public async Task<DataUploadView> Complete(string uploadId)
    {
        var upload = await Receiving(uploadId);
        var now = clock.Now;
        var by = upload.View.By;
        DataUploadView done;
        if (upload.RejectsAll)
        {
            await upload.Writer.DisposeAsync();
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
                await upload.Writer.Commit();
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
        await upload.Writer.DisposeAsync();
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
        var report = new QualityAccumulator(MaxErrorsInReport);
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
            // The open transaction cannot outlive the activation: the upload ends here, unapplied.
            await upload.Writer.DisposeAsync();
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
        await upload.Writer.DisposeAsync();
        done = done with { Quality = upload.Quality.ToReport() };
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
    }

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

    /// <summary>The upload this activation is receiving: its writer, its row check and its counts so far.</summary>
    private sealed class Upload(DataUploadView view, IDataRecordWriter writer, RowCheck check, CatalogEntryView entry, DateTimeOffset started)
    {
        public DataUploadView View { get; private set; } = view;

        public IDataRecordWriter Writer { get; } = writer;

        public CatalogEntryView Entry { get; } = entry;

        public DateTimeOffset LastActivity { get; set; } = started;

        private long _errors;

        /// <summary>The upload's quality report (Art 19): counts by rule and by data item, and the first errors.</summary>
        public QualityAccumulator Quality { get; } = new(MaxErrorsInReport);

        /// <summary>Under Reject, one bad row decides the upload: later good rows are counted, not written.</summary>
        public bool RejectsAll => View.Request.BadRows == BadRowPolicy.Reject && View.RowsWithErrors > 0;

        public async ValueTask Take(DataRow row)
        {
            var errors = check.Check(row, out var key);
            Quality.Add(errors);
            View = View with { RowsReceived = View.RowsReceived + 1, RowsWithErrors = View.RowsWithErrors + (errors.Count > 0 ? 1 : 0) };
            if (errors.Count > 0)
            {
                foreach (var error in errors)
                {
                    if (_errors++ < MaxReportedErrors)
                    {
                        await Writer.Report(error);
                    }
                }
            }
            else if (!RejectsAll)
            {
                await Writer.Add(key!, row.Values);
            }
        }
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

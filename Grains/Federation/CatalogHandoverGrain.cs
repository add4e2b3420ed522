using DataSharing.Catalog;
using DataSharing.Common;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace DataSharing.Federation;

/// <summary>
/// Hands a peer the catalog as it stands (<see cref="ICatalogHandoverGrain"/>): the published entries a page at a time,
/// each as its grain would report it to that peer (<see cref="ICatalogEntryGrain.CopyFor"/>), handed to the link. The
/// state is a cursor, so a catalog of any size costs the same per page, and a dead silo resumes at the page it was on
/// (a reminder keeps it going). Sending an entry twice is harmless: a copy is applied only when its act is newer.
/// </summary>
public sealed class CatalogHandoverGrain(
    [PersistentState("catalogHandover", StorageNames.Platform)] IPersistentState<CatalogHandoverGrain.State> state,
    FederationRouting routing,
    PlatformClock clock,
    ILogger<CatalogHandoverGrain> logger)
    : Grain, ICatalogHandoverGrain, IRemindable
{
    private const string Reminder = "catalog-handover";
    private const int PageSize = 100;

    /// <summary>Every published entry, local and copies: the platform's own and those it hands on.</summary>
    private static readonly CatalogListQuery Published = new(null, ViewerOversight: true, Status: CatalogEntryStatus.Published);

    private IGrainTimer? _pages;

    private string Peer => this.GetPrimaryKeyString();

    public async Task Start()
    {
        if (state.State.Done || !routing.IsPeer(Peer))
        {
            return;
        }

        // Armed first: should this silo die mid-way, the reminder restarts the pages where the cursor stands.
        await this.RegisterOrUpdateReminder(Reminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        _pages ??= this.RegisterGrainTimer(NextPage, new GrainTimerCreationOptions(TimeSpan.Zero, TimeSpan.FromMilliseconds(50)) { Interleave = false });
    }

    public Task<CatalogHandoverStatus> Status() => Task.FromResult(new CatalogHandoverStatus(state.State.Done, state.State.EntriesSent, state.State.DoneAt));

    public Task ReceiveReminder(string reminderName, TickStatus status) => state.State.Done ? Finish() : Start();

    private async Task NextPage()
    {
        try
        {
            var page = await GrainFactory.GetGrain<ICatalogListGrain>(0).List(Published, new PageRequest(PageSize, state.State.After));
            var copies = await Task.WhenAll(page.Items.Select(e => GrainFactory.GetGrain<ICatalogEntryGrain>(e.Code).CopyFor(Peer)));
            var messages = copies.OfType<CatalogEntryCopy>()
                .Select(copy => FederationEffects.CatalogEntryChanged(routing.LocalPlatform!, Peer, copy, clock.Now)).ToList();
            var sent = messages.Count;
            await FederationOutbox.Flush(messages, GrainFactory, routing);

            state.State.After = page.Next;
            state.State.EntriesSent += sent;
            state.State.Done = page.Next is null;
            state.State.DoneAt = state.State.Done ? clock.Now : null;
            await state.WriteStateAsync();
            if (state.State.Done)
            {
                logger.LogInformation("Handed the catalog to {Peer}: {Entries} entries.", Peer, state.State.EntriesSent);
                await Finish();
            }
        }
        catch (Exception e)
        {
            // A full or unreachable link: the page is handed over again at the reminder's next tick.
            logger.LogWarning(e, "Handing a page of the catalog to {Peer} failed; the reminder retries it.", Peer);
            _pages?.Dispose();
            _pages = null;
        }
    }

    private async Task Finish()
    {
        _pages?.Dispose();
        _pages = null;
        if (await this.GetReminder(Reminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    [GenerateSerializer, Alias("CatalogHandoverState")]
    public sealed class State
    {
        /// <summary>The catalog list's cursor after the last page handed over; null before the first.</summary>
        [Id(0)] public string? After { get; set; }

        [Id(1)] public long EntriesSent { get; set; }

        [Id(2)] public bool Done { get; set; }

        [Id(3)] public DateTimeOffset? DoneAt { get; set; }
    }
}

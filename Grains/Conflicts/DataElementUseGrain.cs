using System.Security.Cryptography;
using System.Text;
using DataSharing.Common;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace DataSharing.Conflicts;

public sealed class DataElementUseGrain(
    [PersistentState("dataElementUse", StorageNames.Platform)] IPersistentState<DataElementUseGrain.State> state,
    ILogger<DataElementUseGrain> logger)
    : Grain, IDataElementUseGrain
{
    public async Task<string?> Published(string entryCode, string department)
    {
        if (!state.State.Entries.TryGetValue(entryCode, out var known) || known != department)
        {
            state.State.Entries[entryCode] = department;
            await state.WriteStateAsync();
        }

        if (state.State.Entries.Values.Distinct().Count() < 2)
        {
            return null;
        }

        // One open conflict per element and category at a time: a department that publishes it later joins it.
        var id = state.State.OpenConflictId ?? NextConflictId();
        var conflict = GrainFactory.GetGrain<IConflictGrain>(id);
        var current = await conflict.Get();
        if (current is not null && !ConflictStateMachine.IsOpen(current.Status))
        {
            id = NextConflictId(state.State.Sequence + 1);
            conflict = GrainFactory.GetGrain<IConflictGrain>(id);
            current = await conflict.Get();
        }

        var parties = state.State.Entries.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => new ConflictParty(e.Value, e.Key)).ToList();
        if (current is null)
        {
            var (classification, element) = Split(this.GetPrimaryKeyString());
            // A retry after a crash before the state write below finds the id unchanged and opens idempotently.
            await conflict.Open(new OpenConflict(classification, element, parties,
                $"{parties.Select(p => p.Department).Distinct().Count()} departments publish standard data element {element} for {classification}: "
                + "one data, one source (Art 16); agree which is the source (Art 27).", element), Actor.System);
            logger.LogInformation("Opened conflict {Conflict} for {Key}", id, this.GetPrimaryKeyString());
        }
        else
        {
            foreach (var party in parties)
            {
                await conflict.AddParty(party, Actor.System);
            }
        }

        if (state.State.OpenConflictId != id)
        {
            state.State.Sequence = SequenceOf(id);
            state.State.OpenConflictId = id;
            await state.WriteStateAsync();
        }

        return id;
    }

    public async Task Withdrawn(string entryCode)
    {
        if (state.State.Entries.Remove(entryCode))
        {
            await state.WriteStateAsync();
        }
    }

    private string NextConflictId(int? sequence = null) =>
        $"CF-DE-{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(this.GetPrimaryKeyString())))[..10]}-{sequence ?? state.State.Sequence + 1}";

    private static int SequenceOf(string id) => int.Parse(id[(id.LastIndexOf('-') + 1)..]);

    private static (string Classification, string Element) Split(string key)
    {
        var bar = key.LastIndexOf('|');
        return (key[..bar], key[(bar + 1)..]);
    }

    [GenerateSerializer, Alias("DataElementUseState")]
    public sealed class State
    {
        /// <summary>Published entry code → its department.</summary>
        [Id(0)] public Dictionary<string, string> Entries { get; set; } = [];
        [Id(1)] public string? OpenConflictId { get; set; }
        [Id(2)] public int Sequence { get; set; }
    }
}

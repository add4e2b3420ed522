using System.Runtime.CompilerServices;

namespace DataSharing.Audit;

/// <summary>
/// The embedded-mode audit log: the chain in memory, appended in O(1) (one hash per record), with the sequence numbers
/// of each case's and each department's records kept in order, so a page is a binary search and a slice.
/// </summary>
public sealed class InMemoryAuditLog : IAuditLog
{
    private const int ReadChunk = 1000;

    private readonly Lock _gate = new();
    private readonly List<AuditRecord> _chain = [];
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<long>> _byCase = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<long>> _byDepartment = new(StringComparer.Ordinal);

    public Task Append(IReadOnlyList<AuditEntry> entries)
    {
        Append(entries, null);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Appends <paramref name="entries"/> and, under the same lock, keeps what goes with them (an access check with its
    /// entry): the two are kept together, as one transaction keeps them in cluster mode, and one lock is taken, not two.
    /// </summary>
    public void Append(IReadOnlyList<AuditEntry> entries, Action? alongside)
    {
        lock (_gate)
        {
            AppendLocked(entries);
            alongside?.Invoke();
        }
    }

    /// <summary>Reads what is kept alongside the chain (see <see cref="Append(IReadOnlyList{AuditEntry}, Action?)"/>) under its lock.</summary>
    public T Read<T>(Func<T> read)
    {
        lock (_gate)
        {
            return read();
        }
    }

    private void AppendLocked(IReadOnlyList<AuditEntry> entries)
    {
        foreach (var entry in entries)
        {
            if (!_ids.Add(entry.Id))
            {
                continue;
            }

            var record = AuditChain.Next(_chain.Count == 0 ? null : _chain[^1], entry);
            _chain.Add(record);
            SequencesOf(_byCase, entry.CaseId).Add(record.Sequence);
            foreach (var department in entry.Departments.Distinct())
            {
                SequencesOf(_byDepartment, department).Add(record.Sequence);
            }
        }
    }

    public Task<IReadOnlyList<AuditRecord>> Query(AuditFilter filter)
    {
        lock (_gate)
        {
            // The narrowest index first: a case has few records; a department's are all its own.
            var sequences = filter.CaseId is { } caseId ? _byCase.GetValueOrDefault(caseId)
                : filter.Department is { } department ? _byDepartment.GetValueOrDefault(department)
                : null;
            // A record's place in the chain is its sequence less one; a case's or department's list is searched.
            IEnumerable<AuditRecord> candidates = filter.CaseId is null && filter.Department is null
                ? Range(_chain, after => (int)Math.Clamp(after, 0, _chain.Count), filter)
                : sequences is null ? [] : Range(sequences, after => StartOf(sequences, after), filter).Select(s => _chain[(int)(s - 1)]);
            IReadOnlyList<AuditRecord> page = candidates
                .Where(r => filter.Department is null || r.Entry.Departments.Contains(filter.Department))
                .Take(filter.Limit)
                .ToList();
            return Task.FromResult(page);
        }
    }

    public async IAsyncEnumerable<AuditRecord> ReadAll([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var at = 0; ; at += ReadChunk)
        {
            AuditRecord[] chunk;
            lock (_gate)
            {
                chunk = _chain.Skip(at).Take(ReadChunk).ToArray();
            }

            foreach (var record in chunk)
            {
                yield return record;
            }

            if (chunk.Length < ReadChunk)
            {
                yield break;
            }

            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
        }
    }

    /// <summary>
    /// The items of <paramref name="list"/> (in chain order) that <paramref name="filter"/> asks for, in its order;
    /// <paramref name="firstAfter"/> gives the index of the first item whose sequence follows a given one.
    /// </summary>
    private static IEnumerable<T> Range<T>(List<T> list, Func<long, int> firstAfter, AuditFilter filter) =>
        filter.BeforeSequence is { } before
            ? Backwards(list, firstAfter(before - 1) - 1)
            : Slice(list, firstAfter(filter.AfterSequence));

    /// <summary>The first index in <paramref name="sequences"/> (ascending) holding a sequence after <paramref name="after"/>.</summary>
    private static int StartOf(List<long> sequences, long after)
    {
        var at = sequences.BinarySearch(after);
        return at >= 0 ? at + 1 : ~at;
    }

    private static IEnumerable<T> Backwards<T>(List<T> list, int from)
    {
        for (var i = from; i >= 0; i--)
        {
            yield return list[i];
        }
    }

    private static IEnumerable<T> Slice<T>(List<T> list, int start)
    {
        for (var i = start; i < list.Count; i++)
        {
            yield return list[i];
        }
    }

    private static List<long> SequencesOf(Dictionary<string, List<long>> index, string key)
    {
        if (!index.TryGetValue(key, out var sequences))
        {
            index[key] = sequences = [];
        }

        return sequences;
    }
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace DataSharing.Audit;

/// <summary>
/// The hash chain of the audit log: each record's hash covers its own content and the previous record's hash, so
/// changing, inserting or deleting a record breaks every hash after it.
/// </summary>
public static class AuditChain
{
    /// <summary>The "previous hash" of the first record.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public static string HashOf(long sequence, AuditEntry entry, string previousHash) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            Field(sequence.ToString(CultureInfo.InvariantCulture)) + Content(entry) + Field(previousHash))));

    /// <summary>
    /// The fields of a record between its sequence and its previous hash, as hashed: what an appender that assigns the
    /// sequence elsewhere (PostgreSQL's audit_append, migration 0008) needs to compute the same hash.
    /// </summary>
    public static string Content(AuditEntry entry)
    {
        var text = new StringBuilder();
        foreach (var value in (ReadOnlySpan<string?>)[
                     entry.Id, entry.At.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), entry.By.Subject, entry.By.Role,
                     entry.By.Department, string.Join(",", entry.Departments), entry.CaseKind, entry.CaseId, entry.Action,
                     entry.Before, entry.After])
        {
            text.Append(Field(value));
        }

        return text.ToString();
    }

    // Fields are length-prefixed so that no two different records can serialize alike.
    private static string Field(string? value) =>
        $"{value?.Length.ToString(CultureInfo.InvariantCulture) ?? "-"}:{value}|";

    public static AuditRecord Next(AuditRecord? last, AuditEntry entry)
    {
        entry = Stored(entry);
        var sequence = (last?.Sequence ?? 0) + 1;
        var previous = last?.Hash ?? Genesis;
        return new AuditRecord(sequence, entry, previous, HashOf(sequence, entry, previous));
    }

    /// <summary>The entry as a store keeps it: PostgreSQL keeps microseconds, and hashing the instant at that precision keeps a stored record verifiable.</summary>
    public static AuditEntry Stored(AuditEntry entry) =>
        entry with { At = new DateTimeOffset(entry.At.UtcTicks - entry.At.UtcTicks % 10, TimeSpan.Zero) };

    /// <summary>Checks records in sequence order; stops at the first that does not hold.</summary>
    public static AuditVerification Verify(IEnumerable<AuditRecord> records) =>
        Verify(records.ToAsyncEnumerable()).AsTask().GetAwaiter().GetResult();

    /// <summary>Checks records in sequence order as they stream in; stops at the first that does not hold.</summary>
    public static async ValueTask<AuditVerification> Verify(IAsyncEnumerable<AuditRecord> records)
    {
        var previous = Genesis;
        var expectedSequence = 1L;
        var checkedCount = 0L;
        await foreach (var record in records)
        {
            if (record.Sequence != expectedSequence)
            {
                return new AuditVerification(false, checkedCount, record.Sequence, $"Record {expectedSequence} is missing.");
            }

            if (record.PreviousHash != previous)
            {
                return new AuditVerification(false, checkedCount, record.Sequence, "Its previous-hash does not match the record before it.");
            }

            if (HashOf(record.Sequence, record.Entry, record.PreviousHash) != record.Hash)
            {
                return new AuditVerification(false, checkedCount, record.Sequence, "Its content does not match its hash.");
            }

            previous = record.Hash;
            expectedSequence++;
            checkedCount++;
        }

        return new AuditVerification(true, checkedCount, null, null);
    }
}

using DataSharing.Audit;
using DataSharing.Common;

namespace DataSharing.Tests.Audit;

/// <summary>Art 38-41: records are kept tamper-evident; verification names the first record that does not hold.</summary>
public sealed class AuditChainTests
{
    private static List<AuditRecord> Chain(int length)
    {
        var records = new List<AuditRecord>();
        for (var i = 1; i <= length; i++)
        {
            var entry = new AuditEntry($"SR-1#{i}", DateTimeOffset.UnixEpoch.AddMinutes(i), new Actor("op", Role.DepartmentOperator, "340000-GA"),
                ["340000-GA", "340000-RS"], "ShareRequest", "SR-1", $"act{i}", $"state{i - 1}", $"state{i}");
            records.Add(AuditChain.Next(records.LastOrDefault(), entry));
        }

        return records;
    }

    [Fact]
    public void Art38_an_untouched_chain_verifies()
    {
        var verification = AuditChain.Verify(Chain(5));
        Assert.True(verification.Intact);
        Assert.Equal(5, verification.RecordsChecked);
    }

    [Fact]
    public void Art38_changing_a_record_is_detected_at_that_record()
    {
        var records = Chain(5);
        records[2] = records[2] with { Entry = records[2].Entry with { After = "Granted" } };

        var verification = AuditChain.Verify(records);
        Assert.False(verification.Intact);
        Assert.Equal(3, verification.FirstBrokenSequence);
    }

    [Fact]
    public void Art38_removing_a_record_is_detected()
    {
        var records = Chain(5);
        records.RemoveAt(1);

        Assert.Equal(3, AuditChain.Verify(records).FirstBrokenSequence);
    }

    [Fact]
    public void Art38_rewriting_a_record_with_a_fresh_hash_is_detected_at_the_next_one()
    {
        var records = Chain(5);
        var forged = records[1].Entry with { By = new Actor("someone-else", Role.DepartmentHead, "340000-GA") };
        records[1] = records[1] with { Entry = forged, Hash = AuditChain.HashOf(2, forged, records[1].PreviousHash) };

        Assert.Equal(3, AuditChain.Verify(records).FirstBrokenSequence);
    }
}

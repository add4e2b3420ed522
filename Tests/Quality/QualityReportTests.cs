using DataSharing.Catalog;
using DataSharing.Data;
using DataSharing.Quality;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace DataSharing.Tests.Quality;

/// <summary>Art 19 periodic checks: a report over any number of rows stays small.</summary>
public sealed class QualityReportTests
{
    private static readonly DataItem[] Items = [new("idNumber", "string", "DE00002"), new("amount", "decimal")];

    private static IEnumerable<string> Counts(IReadOnlyDictionary<string, long> counts) =>
        counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}={c.Value}");

    [Fact]
    public void Art19_the_report_counts_rows_and_errors_by_rule_and_item()
    {
        var checker = new QualityChecker(Items);
        var accumulator = new QualityAccumulator(10);
        accumulator.Add(checker.CheckRow(1, ["340104199001011239", "1.5"]));
        accumulator.Add(checker.CheckRow(2, ["340104199001011238", "x"]));
        accumulator.Add(checker.CheckRow(3, ["340104199001011239"]));
        accumulator.Add(checker.CheckRow(4, ["", "2"]));

        var report = accumulator.ToReport();
        Assert.Equal(4, report.RowsChecked);
        Assert.Equal(2, report.RowsWithErrors);
        Assert.Equal(3, report.ErrorCount);
        Assert.Equal(["GB 11643=1", "columns=1", "type:decimal=1"], Counts(report.ErrorsByRule));
        Assert.Equal(["amount=1", "idNumber=1"], Counts(report.ErrorsByItem));
        Assert.Equal([2L, 2L, 3L], report.FirstErrors.Select(e => e.Line));
        Assert.True(report.IsComplete);
    }

    [Fact]
    public void Art19_a_million_bad_rows_keep_only_the_first_errors()
    {
        var checker = new QualityChecker(Items);
        var accumulator = new QualityAccumulator(5);
        string?[] bad = ["340104199001011238", "x"];
        for (var line = 1; line <= 1_000_000; line++)
        {
            accumulator.Add(checker.CheckRow(line, bad));
        }

        var report = accumulator.ToReport();
        Assert.Equal(1_000_000, report.RowsChecked);
        Assert.Equal(1_000_000, report.RowsWithErrors);
        Assert.Equal(2_000_000, report.ErrorCount);
        Assert.Equal(5, report.FirstErrors.Count);
        Assert.Equal([1L, 1L, 2L, 2L, 3L], report.FirstErrors.Select(e => e.Line));
        Assert.Equal(1_000_000, report.ErrorsByRule["GB 11643"]);
        Assert.False(report.IsComplete);
    }

    [Fact]
    public void Art19_counts_by_key_are_capped_whatever_a_caller_adds()
    {
        var accumulator = new QualityAccumulator(0);
        for (var i = 0; i < QualityAccumulator.MaxKeys + 50; i++)
        {
            accumulator.Add([new RowError(i, $"item{i}", $"rule{i}", "wrong")]);
        }

        var report = accumulator.ToReport();
        Assert.Equal(QualityAccumulator.MaxKeys + 1, report.ErrorsByRule.Count);
        Assert.Equal(50, report.ErrorsByRule[QualityAccumulator.OtherKey]);
        Assert.Equal(QualityAccumulator.MaxKeys + 1, report.ErrorsByItem.Count);
        Assert.Empty(report.FirstErrors);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(QualityAccumulator.MaxErrorsKeptLimit + 1)]
    public void The_errors_kept_are_bounded(int max) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new QualityAccumulator(max));

    [Fact]
    public void A_report_is_a_snapshot_the_accumulator_does_not_change_afterwards()
    {
        var accumulator = new QualityAccumulator(3);
        accumulator.Add([new RowError(1, "a", "r", "m")]);
        var first = accumulator.ToReport();
        accumulator.Add([new RowError(2, "a", "r", "m")]);
        Assert.Equal(1, first.ErrorCount);
        Assert.Single(first.FirstErrors);
        Assert.Equal(1, first.ErrorsByRule["r"]);
    }

    [Fact]
    public void A_report_travels_between_grains_with_Orleans_serialization()
    {
        var accumulator = new QualityAccumulator(3);
        accumulator.Add([new RowError(1, "idNumber", "GB 11643", "The check character is 8; digits 1-17 give 9.")]);
        accumulator.Add([new RowError(2, null, "columns", "The row has 1 values; the entry has 2 data items.")]);
        var report = accumulator.ToReport();

        using var services = new ServiceCollection()
            .AddSerializer(builder => builder.AddAssembly(typeof(QualityReport).Assembly))
            .BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();
        var copy = serializer.Deserialize<QualityReport>(serializer.SerializeToArray(report));
        Assert.NotNull(copy);

        Assert.Equal(report.RowsChecked, copy.RowsChecked);
        Assert.Equal(report.ErrorCount, copy.ErrorCount);
        Assert.Equal(Counts(report.ErrorsByRule), Counts(copy.ErrorsByRule));
        Assert.Equal(Counts(report.ErrorsByItem), Counts(copy.ErrorsByItem));
        Assert.Equal(report.FirstErrors, copy.FirstErrors);
        Assert.Equal(report.MaxErrorsKept, copy.MaxErrorsKept);
    }
}

using DataSharing.Data;

namespace DataSharing.Tests.Data;

/// <summary>A batch of rows reaches the grain as it left the API: lines, values (null and empty apart), parse errors, order.</summary>
public sealed class DataRowBatchTests
{
    [Fact]
    public void Rows_come_out_of_a_batch_as_they_went_in()
    {
        var long1 = new string('长', 300) + "x";
        DataRow[] rows =
        [
            new(1, ["王伟", "340102195001010016", "安徽省合肥市长江西路 1 号, 2 栋", "1950-01-01"]),
            new(2, [null, "", "a", null]),
            new(3, [], "The row has 3 fields; the header has 4."),
            new(200_000_000_000, [long1, "\u0000\uFFFD", "😀", "end"]),
            new(5, []),
        ];

        var batch = DataRowBatch.Of(rows);

        Assert.Equal(rows.Length, batch.Count);
        var read = batch.Rows().ToList();
        Assert.Equal(rows.Select(r => (r.Line, r.ParseError)), read.Select(r => (r.Line, r.ParseError)));
        Assert.Equal(rows.Select(r => r.Values), read.Select(r => r.Values));
    }

    [Fact]
    public void A_builder_starts_afresh_after_each_batch_and_the_batch_it_built_stays_as_it_was()
    {
        var builder = new DataRowBatch.Builder();
        builder.Add(new DataRow(1, ["a"]));
        var first = builder.Build();
        builder.Add(new DataRow(2, ["b"]));
        builder.Add(new DataRow(3, ["c"]));
        var second = builder.Build();

        Assert.Equal(0, builder.Count);
        Assert.Equal([1L], first.Rows().Select(r => r.Line));
        Assert.Equal(["b", "c"], second.Rows().Select(r => r.Values[0]));
    }
}

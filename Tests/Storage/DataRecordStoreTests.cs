using DataSharing.Common;
using DataSharing.Data;
using Npgsql;

namespace DataSharing.Tests.Storage;

/// <summary>Art 17 on both record stores: uploads apply whole or not at all, keyed pages, and reports kept either way.</summary>
public sealed class DataRecordStoreTests
{
    private const string Entry = "340000-GA-0001";

    private static DataUploadTarget Target(string uploadId, UploadMode mode, string entry = Entry) => new(uploadId, entry, mode, 3, 0);

    private static string?[] Row(string key, string tag) => [key, $"name-{key}-{tag}", $"addr-{tag}"];

    private static async Task Upload(IDataRecordStore store, DataUploadTarget target, params string?[][] rows)
    {
        await using var writer = await store.Begin(target);
        foreach (var row in rows)
        {
            await writer.Add(row[0]!, row);
        }

        await writer.Commit();
    }

    private static async Task<List<DataRecord>> All(IDataRecordStore store, string entry, IReadOnlyList<int> columns, int limit = 1000)
    {
        var records = new List<DataRecord>();
        for (var page = new PageRequest(limit); ;)
        {
            var served = await store.Read(entry, columns, page);
            Assert.True(served.Items.Count <= limit);
            records.AddRange(served.Items);
            if (served.Next is null)
            {
                return records;
            }

            page = new PageRequest(limit, served.Next);
        }
    }

    private static async Task<List<RowError>> AllErrors(IDataRecordStore store, string uploadId, int limit)
    {
        var errors = new List<RowError>();
        for (var page = new PageRequest(limit); ;)
        {
            var served = await store.Errors(uploadId, page);
            errors.AddRange(served.Items);
            if (served.Next is null)
            {
                return errors;
            }

            page = new PageRequest(limit, served.Next);
        }
    }

    [Theory]
    [MemberData(nameof(StoreBackends.Kinds), MemberType = typeof(StoreBackends))]
    public async Task Art17_a_replacement_makes_its_rows_the_entrys_only_records(string kind)
    {
        await using var stores = await StoreBackends.Create(kind);
        var store = stores.DataRecords;
        await Upload(store, Target("U-1", UploadMode.Replace), Row("1", "a"), Row("2", "a"), Row("3", "a"));
        await Upload(store, Target("U-other", UploadMode.Replace, "340000-RS-0001"), Row("1", "other"));
        await Upload(store, Target("U-2", UploadMode.Replace), Row("3", "b"), Row("4", "b"));

        var records = await All(store, Entry, [0, 1, 2]);
        Assert.Equal(["3", "4"], records.Select(r => r.Key));
        Assert.Equal(Row("4", "b"), records[1].Values);
        Assert.Equal(2, await store.Count(Entry));
        // Another entry's records are its own.
        Assert.Equal(["name-1-other"], (await All(store, "340000-RS-0001", [1])).Select(r => r.Values[0]));

        // An empty replacement empties the entry.
        await Upload(store, Target("U-3", UploadMode.Replace));
        Assert.Equal(0, await store.Count(Entry));
        Assert.Empty((await store.Read(Entry, [0], PageRequest.First)).Items);
    }

    /// <summary>Loads rows as a ticket's holder does (the API process in cluster mode): committed as a stage, applied by nobody yet.</summary>
    private static async Task Stage(IDataRecordStore store, DataUploadTarget target, params string?[][] rows)
    {
        await using var writer = await store.Stage(target);
        foreach (var row in rows)
        {
            await writer.Add(row[0]!, row);
        }

        await writer.Commit();
    }

    [Theory]
    [MemberData(nameof(StoreBackends.Kinds), MemberType = typeof(StoreBackends))]
    public async Task Art17_a_staged_upload_is_read_by_nobody_until_published_and_a_discarded_one_never(string kind)
    {
        await using var stores = await StoreBackends.Create(kind);
        var store = stores.DataRecords;
        await Upload(store, Target("U-1", UploadMode.Replace), Row("1", "a"), Row("2", "a"));

        await Stage(store, Target("U-2", UploadMode.Replace), Row("3", "b"));
        Assert.Equal(["1", "2"], (await All(store, Entry, [0])).Select(r => r.Key));
        // Only the upload's own entry applies its stage.
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.Publish(Target("U-2", UploadMode.Replace, "340000-RS-0001")));
        await store.Publish(Target("U-2", UploadMode.Replace));
        Assert.Equal(["3"], (await All(store, Entry, [0])).Select(r => r.Key));
        // Applied once: the stage is gone.
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.Publish(Target("U-2", UploadMode.Replace)));

        await Stage(store, Target("U-3", UploadMode.Upsert), Row("3", "c"), Row("4", "c"));
        await store.Publish(Target("U-3", UploadMode.Upsert));
        Assert.Equal(["name-3-c", "name-4-c"], (await All(store, Entry, [1])).Select(r => r.Values[0]));

        await Stage(store, Target("U-4", UploadMode.Replace), Row("9", "d"));
        await Stage(store, Target("U-5", UploadMode.Upsert), Row("8", "d"));
        await store.Discard(Entry, "U-4");
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.Publish(Target("U-4", UploadMode.Replace)));
        await store.Discard(Entry);
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.Publish(Target("U-5", UploadMode.Upsert)));
        Assert.Equal(["3", "4"], (await All(store, Entry, [0])).Select(r => r.Key));

        // A loader that stops without committing leaves no stage.
        await using (var writer = await store.Stage(Target("U-6", UploadMode.Replace)))
        {
            await writer.Add("7", Row("7", "e"));
        }

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.Publish(Target("U-6", UploadMode.Replace)));
        if (stores.ConnectionString is not null)
        {
            // Only the current version's table is left: no stage, no table of a discarded or abandoned one.
            Assert.Equal(1L, await Scalar<long>(stores, "SELECT count(*) FROM pg_tables WHERE tablename LIKE 'data_records_%'"));
            Assert.Equal(0L, await Scalar<long>(stores, "SELECT count(*) FROM data_upload_stages"));
        }
    }

    [Theory]
    [MemberData(nameof(StoreBackends.Kinds), MemberType = typeof(StoreBackends))]
    public async Task Art17_a_staged_replacement_that_repeats_a_key_is_refused_when_published_and_applies_nothing(string kind)
    {
        await using var stores = await StoreBackends.Create(kind);
        var store = stores.DataRecords;
        await Upload(store, Target("U-1", UploadMode.Replace), Row("1", "a"));
        await Stage(store, Target("U-2", UploadMode.Replace), Row("2", "b"), Row("2", "c"));
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => store.Publish(Target("U-2", UploadMode.Replace)));
        Assert.Contains("more than once", refused.Message);
        Assert.Equal(["1"], (await All(store, Entry, [0])).Select(r => r.Key));
    }

    [Theory]
    [MemberData(nameof(StoreBackends.Kinds), MemberType = typeof(StoreBackends))]
    public async Task Art17_an_upsert_inserts_new_keys_and_replaces_same_keys_and_the_later_row_of_a_repeated_key_wins(string kind)
    {
        await using var stores = await StoreBackends.Create(kind);
        var store = stores.DataRecords;
        await Upload(store, Target("U-1", UploadMode.Replace), Row("1", "a"), Row("2", "a"), Row("3", "a"));
        await Upload(store, Target("U-2", UploadMode.Upsert), Row("2", "b"), Row("5", "b"), Row("2", "c"), Row("5", "d"), Row("4", "b"));

        var records = await All(store, Entry, [1]);
        Assert.Equal(["1", "2", "3", "4", "5"], records.Select(r => r.Key));
        Assert.Equal(["name-1-a", "name-2-c", "name-3-a", "name-4-b", "name-5-d"], records.Select(r => r.Values[0]));
        Assert.Equal(5, await store.Count(Entry));
    }

    [Theory]
    [MemberData(nameof(StoreBackends.Kinds), MemberType = typeof(StoreBackends))]
    public async Task Art17_a_replacement_that_repeats_a_key_fails_at_commit_and_applies_nothing(string kind)
    {
        await using var stores = await StoreBackends.Create(kind);
        var store = stores.DataRecords;
        await Upload(store, Target("U-1", UploadMode.Replace), Row("1", "a"));

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Upload(store, Target("U-2", UploadMode.Replace), Row("2", "b"), Row("3", "b"), Row("2", "c")));
        Assert.Equal("key", refused.Field);
        Assert.Equal(["1"], (await All(store, Entry, [1])).Select(r => r.Key));
    }

    [Theory]
    [MemberData(nameof(StoreBackends.Kinds), MemberType = typeof(StoreBackends))]
    public async Task Art17_an_upload_disposed_without_commit_leaves_the_previous_records_and_keeps_its_errors(string kind)
    {
        await using var stores = await StoreBackends.Create(kind);
        var store = stores.DataRecords;
        await Upload(store, Target("U-1", UploadMode.Replace), Row("1", "a"), Row("2", "a"));

        foreach (var mode in new[] { UploadMode.Replace, UploadMode.Upsert })
        {
            var uploadId = $"U-rejected-{mode}";
            await using (var writer = await store.Begin(Target(uploadId, mode)))
            {
                await writer.Add("2", Row("2", "rejected"));
                await writer.Add("9", Row("9", "rejected"));
                await writer.Report(new RowError(3, "idNumber", "GB 11643", "The check digit is wrong."));
            }

            Assert.Equal(["name-1-a", "name-2-a"], (await All(store, Entry, [1])).Select(r => r.Values[0]));
            Assert.Equal([new RowError(3, "idNumber", "GB 11643", "The check digit is wrong.")], (await store.Errors(uploadId, PageRequest.First)).Items);
        }

        Assert.Equal(2, await store.Count(Entry));
    }

    [Theory]
    [MemberData(nameof(StoreBackends.Kinds), MemberType = typeof(StoreBackends))]
    public async Task Art17_readers_during_an_open_upload_see_the_previous_records_until_it_commits(string kind)
    {
        await using var stores = await StoreBackends.Create(kind);
        var store = stores.DataRecords;
        await Upload(store, Target("U-1", UploadMode.Replace), Row("1", "a"), Row("2", "a"));

        foreach (var (uploadId, mode) in new[] { ("U-2", UploadMode.Replace), ("U-3", UploadMode.Upsert) })
        {
            var before = await All(store, Entry, [1]);
            await using var writer = await store.Begin(Target(uploadId, mode));
            for (var i = 0; i < 500; i++)
            {
                await writer.Add($"{i:D4}", Row($"{i:D4}", uploadId));
            }

            // The store reads through other connections of its pool than the writer's: what they see is committed.
            Assert.Equal(before, await All(store, Entry, [1]), DataRecordComparer.Instance);
            Assert.Equal(before.Count, await store.Count(Entry));
            if (stores.ConnectionString is not null)
            {
                Assert.Equal((long)before.Count, await Scalar<long>(stores, $"SELECT count(*) FROM \"{await CurrentTable(stores)}\""));
            }

            await writer.Commit();
            var after = await All(store, Entry, [1]);
            Assert.Equal(500, after.Count);
            Assert.All(after.Where(r => r.Key.Length == 4), r => Assert.Equal($"name-{r.Key}-{uploadId}", r.Values[0]));
        }
    }

    [Theory]
    [MemberData(nameof(StoreBackends.Kinds), MemberType = typeof(StoreBackends))]
    public async Task Art17_pages_serve_every_record_once_in_key_order_with_only_the_columns_asked_for(string kind)
    {
        await using var stores = await StoreBackends.Create(kind);
        var store = stores.DataRecords;
        // Ordinal order, as COLLATE "C" compares: digits, upper case, lower case, then CJK; in a shuffled upload.
        string[] keys = [.. Enumerable.Range(0, 40).Select(i => $"K{i:D3}"), "0", "9", "Z", "a", "b", "ab", "中", "中文", "合肥"];
        var shuffled = keys.OrderBy(k => k.GetHashCode()).ToArray();
        await using (var writer = await store.Begin(new DataUploadTarget("U-1", Entry, UploadMode.Replace, 3, 1)))
        {
            foreach (var key in shuffled)
            {
                await writer.Add(key, [$"name-{key}", key, key == "Z" ? null : $"addr-{key}"]);
            }

            await writer.Commit();
        }

        var records = await All(store, Entry, [2, 0, 7], limit: 7);
        var expected = keys.Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, records.Select(r => r.Key));
        Assert.All(records, r => Assert.Equal(new[] { r.Key == "Z" ? null : $"addr-{r.Key}", $"name-{r.Key}", null }, r.Values));
        Assert.All((await store.Read(Entry, [], new PageRequest(1000))).Items, r => Assert.Empty(r.Values));

        // The last page has no next; a cursor of another list is refused naming "after".
        var first = await store.Read(Entry, [0], new PageRequest(expected.Count));
        Assert.Null(first.Next);
        await Assert.ThrowsAsync<ValidationFailedException>(() => store.Read(Entry, [0], new PageRequest(5, Cursor.For("upload-errors", "1", "0"))));
        await Assert.ThrowsAsync<ValidationFailedException>(() => store.Read(Entry, [0], new PageRequest(5, "made-up")));
    }

    [Theory]
    [MemberData(nameof(StoreBackends.Kinds), MemberType = typeof(StoreBackends))]
    public async Task Art17_an_uploads_errors_are_paged_by_line_in_report_order_within_a_line(string kind)
    {
        await using var stores = await StoreBackends.Create(kind);
        var store = stores.DataRecords;
        var reported = new List<RowError>();
        await using (var writer = await store.Begin(Target("U-1", UploadMode.Replace)))
        {
            // 2,500 errors: more than one batch of the PostgreSQL writer; two per line, one line reported late.
            for (var line = 1; line <= 1250; line++)
            {
                if (line == 700)
                {
                    continue;
                }

                reported.Add(new RowError(line, "idNumber", "GB 11643", $"line {line}"));
                reported.Add(new RowError(line, null, "columns", $"line {line} again"));
            }

            reported.Add(new RowError(700, "birthDate", "type:date", "late"));
            reported.Add(new RowError(700, null, "columns", "late again"));
            foreach (var error in reported)
            {
                await writer.Report(error);
            }

            await writer.Commit();
        }

        var expected = reported.Select((e, i) => (e, i)).OrderBy(x => x.e.Line).ThenBy(x => x.i).Select(x => x.e).ToList();
        Assert.Equal(expected, await AllErrors(store, "U-1", 333));
        Assert.Equal(expected, await AllErrors(store, "U-1", 1000));
        Assert.Empty((await store.Errors("U-none", PageRequest.First)).Items);
    }

    [Fact]
    public async Task Art17_a_replacement_of_200000_rows_is_applied_in_PostgreSQL()
    {
        await using var stores = await StoreBackends.Create("postgres");
        var store = stores.DataRecords;
        await Upload(store, Target("U-1", UploadMode.Replace), Row("old", "a"));
        await using (var writer = await store.Begin(new DataUploadTarget("U-2", Entry, UploadMode.Replace, 4, 1)))
        {
            var values = new string?[4];
            for (var i = 0; i < 200_000; i++)
            {
                // One array for every row: the writer sends each row on before Add returns.
                var id = $"340102199001{i:D6}";
                (values[0], values[1], values[2], values[3]) = ($"name {i}", id, "安徽省合肥市蜀山区长江西路 1 号", "1990-01-01");
                await writer.Add(id, values);
            }

            await writer.Commit();
        }

        Assert.Equal(200_000, await store.Count(Entry));
        var last = await store.Read(Entry, [0, 1], new PageRequest(1, DataCursors.Of(new DataRecord("340102199001199998", []))));
        Assert.Equal(["name 199999", "340102199001199999"], Assert.Single(last.Items).Values);
    }

    [Theory]
    [MemberData(nameof(StoreBackends.Kinds), MemberType = typeof(StoreBackends))]
    public async Task Art17_an_upsert_merges_into_the_version_a_replacement_swapped_in_and_an_entry_gaining_items_gets_them(string kind)
    {
        await using var stores = await StoreBackends.Create(kind);
        var store = stores.DataRecords;
        // Two replacements: the second's version is the one swapped in.
        foreach (var (upload, tag) in new[] { ("U-1", "a"), ("U-2", "b") })
        {
            await Upload(store, Target(upload, UploadMode.Replace), Row("1", tag), Row("2", tag), Row("3", tag));
        }

        // The entry gained a fourth data item: the upsert's records have it, the others read it as null.
        await Upload(store, new DataUploadTarget("U-3", Entry, UploadMode.Upsert, 4, 0), ["2", "name-2-c", "addr-c", "extra-c"], ["9", "name-9-c", "addr-c", "extra-c"]);

        var records = await All(store, Entry, [1, 3], limit: 2);
        Assert.Equal(["1", "2", "3", "9"], records.Select(r => r.Key));
        Assert.Equal([["name-1-b", null], ["name-2-c", "extra-c"], ["name-3-b", null], ["name-9-c", "extra-c"]], records.Select(r => r.Values.ToArray()));

        // A later upsert of three items writes a whole record of three: the fourth item, which it has no value for, is gone.
        await Upload(store, Target("U-4", UploadMode.Upsert), Row("9", "d"));
        Assert.Equal([["name-9-d", null]], (await All(store, Entry, [1, 3])).Where(r => r.Key == "9").Select(r => r.Values.ToArray()));
        Assert.Equal(4, await store.Count(Entry));

        // An entry whose first upload is an upsert has its records too.
        await Upload(store, Target("U-5", UploadMode.Upsert, "340000-RS-0001"), Row("7", "e"), Row("7", "f"));
        Assert.Equal(["name-7-f"], (await All(store, "340000-RS-0001", [1])).Select(r => r.Values[0]));
    }

    [Theory]
    [MemberData(nameof(StoreBackends.Kinds), MemberType = typeof(StoreBackends))]
    public async Task Art17_a_reader_paging_across_a_replacement_goes_on_in_the_new_version_after_its_cursors_key(string kind)
    {
        await using var stores = await StoreBackends.Create(kind);
        var store = stores.DataRecords;
        await Upload(store, Target("U-1", UploadMode.Replace), [.. Enumerable.Range(0, 20).Select(i => Row($"{i:D2}", "a"))]);
        var first = await store.Read(Entry, [1], new PageRequest(5));
        Assert.Equal(["00", "01", "02", "03", "04"], first.Items.Select(r => r.Key));

        await Upload(store, Target("U-2", UploadMode.Replace), [.. Enumerable.Range(0, 30).Select(i => Row($"{i:D2}", "b"))]);
        var second = await store.Read(Entry, [1], new PageRequest(5, first.Next));
        Assert.Equal(["05", "06", "07", "08", "09"], second.Items.Select(r => r.Key));
        Assert.All(second.Items, r => Assert.Equal($"name-{r.Key}-b", r.Values[0]));
    }

    [Theory]
    [MemberData(nameof(StoreBackends.Kinds), MemberType = typeof(StoreBackends))]
    public async Task Art17_a_committed_upload_purges_the_reports_of_its_entrys_earlier_uploads(string kind)
    {
        await using var stores = await StoreBackends.Create(kind);
        var store = stores.DataRecords;
        var error = new RowError(2, "idNumber", "GB 11643", "The check digit is wrong.");
        async Task Reporting(DataUploadTarget target, bool commit)
        {
            await using var writer = await store.Begin(target);
            await writer.Add("1", Row("1", target.UploadId));
            await writer.Report(error);
            if (commit)
            {
                await writer.Commit();
            }
        }

        await Reporting(Target("U-1", UploadMode.Replace), commit: true);
        await Reporting(Target("U-2", UploadMode.Replace), commit: false);
        await Reporting(Target("U-other", UploadMode.Replace, "340000-RS-0001"), commit: true);
        Assert.Single((await store.Errors("U-1", PageRequest.First)).Items);
        Assert.Single((await store.Errors("U-2", PageRequest.First)).Items);

        await Reporting(Target("U-3", UploadMode.Upsert), commit: true);
        Assert.Empty((await store.Errors("U-1", PageRequest.First)).Items);
        Assert.Empty((await store.Errors("U-2", PageRequest.First)).Items);
        Assert.Equal([error], (await store.Errors("U-3", PageRequest.First)).Items);
        Assert.Equal([error], (await store.Errors("U-other", PageRequest.First)).Items);
    }

    [Theory]
    [MemberData(nameof(StoreBackends.Kinds), MemberType = typeof(StoreBackends))]
    public async Task Art17_records_without_a_key_item_are_keyed_by_line_and_an_upsert_by_a_changed_key_item_is_refused(string kind)
    {
        await using var stores = await StoreBackends.Create(kind);
        var store = stores.DataRecords;
        await Upload(store, new DataUploadTarget("U-1", Entry, UploadMode.Replace, 3, null), ["000000000002", "l2", "x"], ["000000000001", "l1", "y"]);
        Assert.Equal(["000000000001", "000000000002"], (await All(store, Entry, [0])).Select(r => r.Key));
        Assert.Equal(["y", "x"], (await All(store, Entry, [2])).Select(r => r.Values[0]));

        // Records keyed by line take an upsert's keys; records keyed by one item refuse an upsert keyed by another.
        await Upload(store, Target("U-2", UploadMode.Upsert), Row("000000000001", "u"));
        Assert.Equal(["name-000000000001-u", "l2"], (await All(store, Entry, [1])).Select(r => r.Values[0]));
        await Upload(store, new DataUploadTarget("U-3", Entry, UploadMode.Replace, 3, 1), ["k1", "k1", "x"]);
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => Upload(store, Target("U-4", UploadMode.Upsert), ["k1", "b", "y"]));
        Assert.Equal("mode", refused.Field);
        Assert.Equal([["k1", "x"]], (await All(store, Entry, [0, 2])).Select(r => r.Values.ToArray()));
    }

    [Fact]
    public async Task Art17_a_committed_upload_gives_its_connection_back_to_the_pool_even_if_its_writer_is_never_disposed()
    {
        // The pool holds 10 connections (StoreBackends.Pooled): a writer that kept its connection after its commit would
        // leave the 11th upload waiting for one until it timed out.
        await using var stores = await StoreBackends.Create("postgres");
        for (var i = 0; i < 15; i++)
        {
            var writer = await stores.DataRecords.Begin(Target($"U-{i}", i % 2 == 0 ? UploadMode.Replace : UploadMode.Upsert));
            await writer.Add("1", Row("1", $"{i}"));
            await writer.Commit();
        }

        Assert.Equal(["name-1-14"], (await All(stores.DataRecords, Entry, [1])).Select(r => r.Values[0]));
    }

    [Fact]
    public async Task Art17_a_replacement_swaps_in_a_table_of_its_own_and_drops_the_previous_versions_table()
    {
        await using var stores = await StoreBackends.Create("postgres");
        var store = stores.DataRecords;
        await Upload(store, Target("U-1", UploadMode.Replace), Row("1", "a"), Row("2", "a"));
        var first = await CurrentTable(stores);
        await Upload(store, Target("U-2", UploadMode.Replace), Row("3", "b"));
        var second = await CurrentTable(stores);

        Assert.NotEqual(first, second);
        Assert.Equal(1L, await Scalar<long>(stores, $"SELECT count(*) FROM \"{second}\""));
        Assert.Equal($"data_record_versions,{second}", await VersionTables(stores));
    }

    [Fact]
    public async Task Art17_a_replacement_that_fails_before_its_swap_leaves_the_previous_version_served_and_no_table_behind()
    {
        await using var stores = await StoreBackends.Create("postgres");
        await Upload(stores.DataRecords, Target("U-1", UploadMode.Replace), Row("1", "a"), Row("2", "a"));
        var (store, served) = (stores.DataRecords, await CurrentTable(stores));

        // Refused at the key's build (a repeated key), given up in the middle of the COPY, cancelled at commit.
        await Assert.ThrowsAsync<ValidationFailedException>(() => Upload(store, Target("U-2", UploadMode.Replace), Row("5", "b"), Row("5", "c")));
        await using (var writer = await store.Begin(Target("U-3", UploadMode.Replace)))
        {
            for (var i = 0; i < 5000; i++)
            {
                await writer.Add($"{i:D5}", Row($"{i:D5}", "c"));
            }
        }

        await using (var writer = await store.Begin(Target("U-4", UploadMode.Replace)))
        {
            await writer.Add("9", Row("9", "d"));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => writer.Commit(new CancellationToken(canceled: true)));
        }

        Assert.Equal(["name-1-a", "name-2-a"], (await All(store, Entry, [1])).Select(r => r.Values[0]));
        Assert.Equal($"data_record_versions,{served}", await VersionTables(stores));
    }

    [Fact]
    public async Task Art17_reads_racing_replacements_follow_the_pointer_to_a_whole_version_every_time()
    {
        await using var stores = await StoreBackends.Create("postgres");
        var store = stores.DataRecords;
        await Upload(store, Target("U-0", UploadMode.Replace), Row("1", "U-0"), Row("2", "U-0"));
        using var stop = new CancellationTokenSource();
        var replacing = Task.Run(async () =>
        {
            for (var i = 1; i <= 30; i++)
            {
                await Upload(store, Target($"U-{i}", UploadMode.Replace), Row("1", $"U-{i}"), Row("2", $"U-{i}"));
            }

            await stop.CancelAsync();
        });

        var reads = 0;
        do
        {
            // Both records of one version, never one of each; a table dropped under a read is followed to its successor.
            var page = await store.Read(Entry, [1], new PageRequest(10));
            Assert.Equal(2, page.Items.Count);
            Assert.Equal(page.Items[0].Values[0]![7..], page.Items[1].Values[0]![7..]);
            reads++;
        }
        while (!stop.IsCancellationRequested);

        await replacing;
        Assert.True(reads > 0);
    }

    /// <summary>The table of the entry's current version (PostgreSQL).</summary>
    private static Task<string> CurrentTable(StoreBackends stores) =>
        Scalar<string>(stores, $"SELECT table_name FROM data_record_versions WHERE entry_code = '{Entry}'");

    private static async Task<T> Scalar<T>(StoreBackends stores, string sql)
    {
        await using var connection = new NpgsqlConnection(stores.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The tables of versions in the database and the pointers' table, by name, comma-separated.</summary>
    private static Task<string> VersionTables(StoreBackends stores) => Scalar<string>(stores, """
        SELECT string_agg(table_name, ',' ORDER BY table_name COLLATE "C") FROM information_schema.tables
        WHERE table_schema = 'public' AND table_name LIKE 'data\_record%'
        """);

    /// <summary>Records compare by key and values (a record's values are a list, which records compare by reference).</summary>
    private sealed class DataRecordComparer : IEqualityComparer<DataRecord>
    {
        public static readonly DataRecordComparer Instance = new();

        public bool Equals(DataRecord? x, DataRecord? y) => x?.Key == y?.Key && (x?.Values ?? []).SequenceEqual(y?.Values ?? []);

        public int GetHashCode(DataRecord obj) => obj.Key.GetHashCode();
    }
}

// The store path of an upload, as bench/upload.py measures it beside PostgreSQL's own COPY of the same file:
//   Upload.Store --connection <Npgsql connection string> --csv <file> --entry <code> [--key-column N] [--upload-id ID]
// Parses the CSV (header first) with Sylvan.Data.Csv and writes every row through PostgresDataRecordStore as one
// Replace, committed; prints one JSON line: rows, seconds (parse + write + commit, from Begin to Commit's return) and
// the process's CPU seconds.
// Sylvan: a maintained (MIT) streaming parser built for throughput, whose reader hands out each field of the current
// row with no per-row object; CsvHelper's strength, mapping rows to classes, is of no use to rows of text.
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DataSharing.Data;
using DataSharing.Silo.Persistence;
using Npgsql;
using Sylvan.Data.Csv;

var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 0; i + 1 < args.Length; i += 2)
{
    options[args[i].TrimStart('-')] = args[i + 1];
}

if (!options.TryGetValue("connection", out var connection) || !options.TryGetValue("csv", out var csv) || !options.TryGetValue("entry", out var entry))
{
    Console.Error.WriteLine("usage: Upload.Store --connection <npgsql> --csv <file> --entry <code> [--key-column N] [--upload-id ID]");
    return 2;
}

var keyColumn = int.Parse(options.GetValueOrDefault("key-column", "1"), CultureInfo.InvariantCulture);
var uploadId = options.GetValueOrDefault("upload-id", $"bench-{Guid.NewGuid():N}");

await using var database = NpgsqlDataSource.Create(connection);
var store = new PostgresDataRecordStore(database);
var clock = Stopwatch.StartNew();
long rows = 0;
await using (var reader = await CsvDataReader.CreateAsync(csv, new CsvDataReaderOptions { HasHeaders = true }))
{
    var values = new string?[reader.FieldCount];
    await using var writer = await store.Begin(new DataUploadTarget(uploadId, entry, UploadMode.Replace, values.Length, keyColumn));
    while (await reader.ReadAsync())
    {
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = reader.GetString(i);
        }

        await writer.Add(values[keyColumn]!, values);
        rows++;
    }

    await writer.Commit();
}

var seconds = clock.Elapsed.TotalSeconds;
// The client's CPU time (parse, encode, send; start-up included): on a small machine the client and the server share
// the cores, so this says how much of the step was this side's.
var clientCpuSeconds = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
Console.WriteLine(JsonSerializer.Serialize(new { rows, seconds, rowsPerSecond = rows / seconds, clientCpuSeconds }));
return 0;

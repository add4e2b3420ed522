using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using DataSharing.Data;
using Sylvan.Data.Csv;

namespace DataSharing.Api.Endpoints;

/// <summary>
/// Reads an uploaded body as rows of an entry's data items, streamed: one record in memory at a time however large the
/// file. A row that cannot be read as one record (wrong field count, a value that is an object) becomes a row with a
/// parse error, reported with its line like any other bad row; a body that cannot be read at all (no header, a header
/// naming something else, broken JSON) stops the upload with <see cref="UnreadableException"/>.
/// </summary>
/// <remarks>
/// CSV is parsed by Sylvan.Data.Csv (MIT): among the maintained .NET CSV readers it is the fastest in public
/// benchmarks and reads asynchronously from a stream with a bounded buffer, which a million-row upload needs.
/// </remarks>
public static class DataUploadReader
{
    /// <summary>The longest CSV record read; a longer one is a broken file (an unclosed quote), not data.</summary>
    private const int MaxRecordChars = 1024 * 1024;

    public sealed class UnreadableException(string field, string message) : Exception(message)
    {
        public string Field { get; } = field;
    }

    public static async IAsyncEnumerable<DataRow> Csv(Stream body, IReadOnlyList<string> columns, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var text = new StreamReader(body, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        CsvDataReader csv;
        try
        {
            csv = await CsvDataReader.CreateAsync(text, new CsvDataReaderOptions
            {
                HasHeaders = true,
                BufferSize = 64 * 1024,
                MaxBufferSize = MaxRecordChars,
                HeaderComparer = StringComparer.Ordinal,
            }, cancellationToken);
        }
        catch (CsvFormatException e)
        {
            throw new UnreadableException("header", $"The header row could not be read: {e.Message}");
        }

        await using (csv)
        {
            var positions = Positions(Enumerable.Range(0, csv.FieldCount).Select(csv.GetName).ToList(), columns);
            long line = 0;
            while (true)
            {
                try
                {
                    if (!await csv.ReadAsync(cancellationToken))
                    {
                        break;
                    }
                }
                catch (CsvRecordTooLargeException)
                {
                    throw new UnreadableException("body", $"Record {line + 1} is longer than {MaxRecordChars} characters: is a quote left open?");
                }

                line++;
                if (csv.RowFieldCount != positions.Length)
                {
                    yield return new DataRow(line, [], $"The row has {csv.RowFieldCount} fields; the header has {positions.Length}.");
                    continue;
                }

                var values = new string?[columns.Count];
                for (var i = 0; i < positions.Length; i++)
                {
                    var value = csv.GetString(i);
                    values[positions[i]] = value.Length == 0 ? null : value;
                }

                yield return new DataRow(line, values);
            }
        }
    }

    public static async IAsyncEnumerable<DataRow> Json(Stream body, IReadOnlyList<string> columns, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var index = columns.Select((name, i) => (name, i)).ToDictionary(c => c.name, c => c.i, StringComparer.Ordinal);
        var records = JsonSerializer.DeserializeAsyncEnumerable<JsonElement>(body, cancellationToken: cancellationToken);
        await using var rows = records.GetAsyncEnumerator(cancellationToken);
        long line = 0;
        while (true)
        {
            try
            {
                if (!await rows.MoveNextAsync())
                {
                    break;
                }
            }
            catch (JsonException e)
            {
                throw new UnreadableException("body", $"The JSON is malformed after record {line}: {e.Message} Send an array of objects, one per record.");
            }

            line++;
            yield return Row(line, rows.Current, index, columns.Count);
        }
    }

    private static DataRow Row(long line, JsonElement record, Dictionary<string, int> index, int count)
    {
        if (record.ValueKind != JsonValueKind.Object)
        {
            return new DataRow(line, [], $"Record {line} is a JSON {record.ValueKind.ToString().ToLowerInvariant()}, not an object.");
        }

        var values = new string?[count];
        foreach (var property in record.EnumerateObject())
        {
            if (!index.TryGetValue(property.Name, out var i))
            {
                return new DataRow(line, [], $"'{property.Name}' is not a data item of the entry.");
            }

            values[i] = property.Value.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.String => property.Value.GetString() is { Length: > 0 } s ? s : null,
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => property.Value.GetRawText(),
                _ => null,
            };
            if (property.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
            {
                return new DataRow(line, [], $"'{property.Name}' is a JSON {property.Value.ValueKind.ToString().ToLowerInvariant()}; a value is a string, number or boolean.");
            }
        }

        return new DataRow(line, values);
    }

    /// <summary>Where each CSV column goes among the entry's data items; every header must name one, once.</summary>
    private static int[] Positions(IReadOnlyList<string> header, IReadOnlyList<string> columns)
    {
        if (header.Count == 0)
        {
            throw new UnreadableException("header", "The upload is empty: the first line is a header naming the entry's data items.");
        }

        var names = columns.ToList();
        var positions = new int[header.Count];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i].Trim();
            positions[i] = names.IndexOf(name);
            if (positions[i] < 0)
            {
                throw new UnreadableException("header", $"Column {i + 1} of the header, '{name}', is not a data item of the entry ({string.Join(", ", columns)}).");
            }

            if (!seen.Add(name))
            {
                throw new UnreadableException("header", $"The header names '{name}' twice.");
            }
        }

        return positions;
    }
}

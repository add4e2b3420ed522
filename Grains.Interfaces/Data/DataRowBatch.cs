using System.Text;

namespace DataSharing.Data;

/// <summary>
/// A batch of parsed rows on its way from the API to the entry's grain, encoded into one block of bytes: per row its
/// line, then its values (UTF-8, each with its length) or its parse error. Sent as a list of <see cref="DataRow"/>s,
/// every value was a field of its own to Orleans' serializer, with a header and a reference-tracking lookup each, and
/// a gateway silo that forwards the call to the grain's silo decoded and encoded it all once more: a million-row upload
/// spent more CPU there than PostgreSQL spent storing it. One byte array is copied as it is.
/// </summary>
/// <param name="Encoded">The rows, as <see cref="Builder"/> writes them; never changed once built.</param>
/// <param name="Count">How many rows.</param>
[GenerateSerializer, Immutable, Alias("DataRowBatch")]
public sealed record DataRowBatch([property: Id(0)] byte[] Encoded, [property: Id(1)] int Count)
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public static DataRowBatch Of(IEnumerable<DataRow> rows)
    {
        var builder = new Builder();
        foreach (var row in rows)
        {
            builder.Add(row);
        }

        return builder.Build();
    }

    /// <summary>The rows, decoded one at a time (strings are made as they are read, not all at once).</summary>
    public IEnumerable<DataRow> Rows()
    {
        var at = 0;
        for (var i = 0; i < Count; i++)
        {
            var line = (long)ReadNumber(Encoded, ref at);
            var count = (int)ReadNumber(Encoded, ref at);
            if (count == 0)
            {
                // A parse error: the row has no values, only what was wrong with it.
                yield return new DataRow(line, [], ReadText(Encoded, ref at));
                continue;
            }

            var values = new string?[count - 1];
            for (var v = 0; v < values.Length; v++)
            {
                values[v] = ReadText(Encoded, ref at);
            }

            yield return new DataRow(line, values);
        }
    }

    /// <summary>Encodes rows as they come: the API adds each row as it parses it.</summary>
    public sealed class Builder
    {
        private byte[] _buffer = new byte[16 * 1024];
        private int _length;

        public int Count { get; private set; }

        public void Add(DataRow row)
        {
            WriteNumber((ulong)row.Line);
            if (row.ParseError is { } error)
            {
                WriteNumber(0);
                WriteText(error);
            }
            else
            {
                WriteNumber((ulong)row.Values.Length + 1);
                foreach (var value in row.Values)
                {
                    WriteText(value);
                }
            }

            Count++;
        }

        /// <summary>The batch of the rows added so far; the builder starts empty again.</summary>
        public DataRowBatch Build()
        {
            var batch = new DataRowBatch(_buffer.AsSpan(0, _length).ToArray(), Count);
            (_length, Count) = (0, 0);
            return batch;
        }

        private void WriteText(string? value)
        {
            if (value is null)
            {
                WriteNumber(0);
                return;
            }

            Ensure(10 + Utf8.GetMaxByteCount(value.Length));
            // The length goes first, so the bytes are encoded after room for the longest length prefix, then moved
            // back if the prefix is shorter; almost always a value is short and its prefix one byte.
            var start = _length;
            _length += 5;
            var written = Utf8.GetBytes(value, _buffer.AsSpan(_length));
            _length = start;
            var prefix = NumberLength((ulong)written + 1);
            WriteNumber((ulong)written + 1);
            if (prefix != 5)
            {
                _buffer.AsSpan(start + 5, written).CopyTo(_buffer.AsSpan(_length));
            }

            _length += written;
        }

        private void WriteNumber(ulong number)
        {
            Ensure(10);
            while (number >= 0x80)
            {
                _buffer[_length++] = (byte)(number | 0x80);
                number >>= 7;
            }

            _buffer[_length++] = (byte)number;
        }

        private void Ensure(int more)
        {
            if (_buffer.Length - _length < more)
            {
                Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + more));
            }
        }
    }

    private static int NumberLength(ulong number)
    {
        var length = 1;
        while (number >= 0x80)
        {
            number >>= 7;
            length++;
        }

        return length;
    }

    private static ulong ReadNumber(byte[] encoded, ref int at)
    {
        ulong number = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = encoded[at++];
            number |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return number;
            }
        }
    }

    /// <summary>A value: its UTF-8 length plus one (0 for null), then its bytes.</summary>
    private static string? ReadText(byte[] encoded, ref int at)
    {
        var length = (int)ReadNumber(encoded, ref at);
        if (length == 0)
        {
            return null;
        }

        var text = Utf8.GetString(encoded, at, length - 1);
        at += length - 1;
        return text;
    }
}

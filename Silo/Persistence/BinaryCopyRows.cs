using System.Buffers.Binary;
using System.Text;
using Npgsql;

namespace DataSharing.Silo.Persistence;

/// <summary>
/// Rows of text (an optional bigint first) in PostgreSQL's binary COPY format, encoded into one buffer and sent to a
/// raw COPY stream a chunk at a time. For a bulk load, the client's work per value is a UTF-8 encode and a length:
/// <see cref="NpgsqlBinaryImporter"/> resolves a converter, measures and writes each value through an async call of its
/// own, which cost more CPU than the server spends storing the row, on a machine whose cores the client and server
/// share. The server checks every text value's encoding as it does for any COPY.
/// </summary>
internal sealed class BinaryCopyRows : IAsyncDisposable
{
    /// <summary>Bytes gathered before a write to the stream: one await per chunk of rows, not per value.</summary>
    private const int Chunk = 64 * 1024;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>"PGCOPY\n\377\r\n\0": a raw byte 0xFF, which a UTF-8 string literal cannot hold.</summary>
    private static ReadOnlySpan<byte> Signature => [0x50, 0x47, 0x43, 0x4F, 0x50, 0x59, 0x0A, 0xFF, 0x0D, 0x0A, 0x00];

    private readonly NpgsqlRawCopyStream _stream;
    private byte[] _buffer = new byte[2 * Chunk];
    private int _length;
    private bool _ended;

    private BinaryCopyRows(NpgsqlRawCopyStream stream) => _stream = stream;

    /// <summary>Starts <paramref name="copy"/>, a <c>COPY ... FROM STDIN (FORMAT BINARY)</c> of the connection.</summary>
    public static async Task<BinaryCopyRows> Begin(NpgsqlConnection connection, string copy, CancellationToken cancellationToken)
    {
        var rows = new BinaryCopyRows(await connection.BeginRawBinaryCopyAsync(copy, cancellationToken));
        // The signature, then no flags and no header extension (the buffer's zeros).
        Signature.CopyTo(rows._buffer);
        rows._length = Signature.Length + 4 + 4;
        return rows;
    }

    /// <summary>One row: <paramref name="ordinal"/> if given, then <paramref name="first"/> if given, then <paramref name="values"/>.</summary>
    public ValueTask Add(long? ordinal, string? first, string?[] values, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_ended, this);
        var most = 2 + (ordinal is null ? 0 : 12) + (first is null ? 0 : 4 + Utf8.GetMaxByteCount(first.Length));
        foreach (var value in values)
        {
            most += 4 + (value is null ? 0 : Utf8.GetMaxByteCount(value.Length));
        }

        if (_buffer.Length - _length < most)
        {
            Array.Resize(ref _buffer, _length + most);
        }

        var fields = values.Length + (first is null ? 0 : 1) + (ordinal is null ? 0 : 1);
        BinaryPrimitives.WriteInt16BigEndian(_buffer.AsSpan(_length), checked((short)fields));
        _length += 2;
        if (ordinal is { } number)
        {
            BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length), sizeof(long));
            BinaryPrimitives.WriteInt64BigEndian(_buffer.AsSpan(_length + 4), number);
            _length += 12;
        }

        if (first is not null)
        {
            Text(first);
        }

        foreach (var value in values)
        {
            Text(value);
        }

        return _length >= Chunk ? Send(cancellationToken) : ValueTask.CompletedTask;
    }

    /// <summary>Ends the COPY; throws what the server refused (its rows are then not stored).</summary>
    public async Task Complete(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_ended, this);
        BinaryPrimitives.WriteInt16BigEndian(_buffer.AsSpan(_length), -1);
        _length += 2;
        await Send(cancellationToken);
        _ended = true;
        // Disposing the stream sends the end of the COPY and waits for the server's answer.
        await _stream.DisposeAsync();
    }

    /// <summary>Cancels the COPY if it was not completed: the server stores none of its rows.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_ended)
        {
            return;
        }

        _ended = true;
        try
        {
            await _stream.CancelAsync();
        }
        catch (Exception e) when (e is ObjectDisposedException or NpgsqlException)
        {
            // The COPY ended already, with its connection (killed, or the server gone): none of it was stored, and
            // the failure that ended it is the one the loader reports, not this.
        }
        finally
        {
            await _stream.DisposeAsync();
        }
    }

    private void Text(string? value)
    {
        if (value is null)
        {
            BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length), -1);
            _length += 4;
            return;
        }

        var written = Utf8.GetBytes(value, _buffer.AsSpan(_length + 4));
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length), written);
        _length += 4 + written;
    }

    private async ValueTask Send(CancellationToken cancellationToken)
    {
        await _stream.WriteAsync(_buffer.AsMemory(0, _length), cancellationToken);
        _length = 0;
    }
}

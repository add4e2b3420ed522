using System.Net;
using System.Net.Sockets;

namespace DataSharing.Tests.Federation;

/// <summary>
/// The network between two platforms: a TCP relay from a fixed local port to a peer's API. Cut, it closes every
/// connection and stops listening, so a connect is refused as on a lost network; healed, it listens again.
/// </summary>
public sealed class LinkRelay : IAsyncDisposable
{
    private readonly List<TcpClient> _open = [];
    private TcpListener? _listener;
    private CancellationTokenSource _stop = new();

    public LinkRelay(int port) => Port = port;

    public int Port { get; }

    /// <summary>The port the peer's API listens on (set once it is known).</summary>
    public int TargetPort { get; set; }

    public Uri Address => new($"http://127.0.0.1:{Port}");

    public bool IsCut => _listener is null;

    public void Heal()
    {
        if (_listener is not null)
        {
            return;
        }

        _stop = new CancellationTokenSource();
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        _ = Accept(_listener, _stop.Token);
    }

    public void Cut()
    {
        _stop.Cancel();
        _listener?.Stop();
        _listener = null;
        lock (_open)
        {
            foreach (var client in _open)
            {
                client.Dispose();
            }

            _open.Clear();
        }
    }

    private async Task Accept(TcpListener listener, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await listener.AcceptTcpClientAsync(stop);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Relay(inbound, stop);
        }
    }

    private async Task Relay(TcpClient inbound, CancellationToken stop)
    {
        var outbound = new TcpClient();
        lock (_open)
        {
            _open.Add(inbound);
            _open.Add(outbound);
        }

        try
        {
            await outbound.ConnectAsync(IPAddress.Loopback, TargetPort, stop);
            await Task.WhenAny(
                inbound.GetStream().CopyToAsync(outbound.GetStream(), stop),
                outbound.GetStream().CopyToAsync(inbound.GetStream(), stop));
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        finally
        {
            inbound.Dispose();
            outbound.Dispose();
        }
    }

    public ValueTask DisposeAsync()
    {
        Cut();
        return ValueTask.CompletedTask;
    }
}

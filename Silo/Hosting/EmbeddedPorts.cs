using System.Net;
using System.Net.Sockets;

namespace DataSharing.Silo.Hosting;

/// <summary>
/// The Orleans ports of an embedded platform. Left unset, free ones are picked, so two platforms started on one
/// machine (two terminals, or tests) never share a silo; a port set in configuration but taken by another process
/// stops start-up with a message naming the setting and the port, instead of an Orleans socket error later on.
/// </summary>
public static class EmbeddedPorts
{
    public static (int Silo, int Gateway) Resolve(int? siloPort, int? gatewayPort)
    {
        // Both free ports are picked while both probes are open, so the two can never be the same port.
        using var siloProbe = Probe(siloPort, "Platform:SiloPort");
        using var gatewayProbe = Probe(gatewayPort, "Platform:GatewayPort");
        return (PortOf(siloProbe), PortOf(gatewayProbe));
    }

    private static Socket Probe(int? port, string setting)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            // The silo listens on loopback in embedded mode; another listener on the port, on loopback or on any
            // address, makes this bind fail.
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port ?? 0));
            socket.Listen();
            return socket;
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
        {
            socket.Dispose();
            throw new InvalidOperationException(
                $"{setting} {port} is already in use on this machine (another platform, or another program, listens on it). " +
                $"Set {setting.Replace(":", "__", StringComparison.Ordinal)} to a free port, or leave it unset and embedded mode picks a free one.", e);
        }
    }

    private static int PortOf(Socket socket) => ((IPEndPoint)socket.LocalEndPoint!).Port;
}

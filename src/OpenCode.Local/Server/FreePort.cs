using System.Net;
using System.Net.Sockets;

namespace OpenCode.Local.Server;

/// <summary>Finds TCP ports on 127.0.0.1 that nothing listens on.</summary>
internal static class FreePort
{
    /// <summary>Asks the OS for a free port by binding port 0, then releases it for the server to take.</summary>
    public static int Find()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    /// <summary>Checks whether a port can be bound again (a restarted server keeps its address when it can).</summary>
    public static bool IsFree(int port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        try
        {
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}

using System.Net;
using System.Net.Sockets;

namespace Mirrorspace.Server.Hosting;

internal static class FreePort
{
    /// <summary>A loopback port that was free a moment ago.</summary>
    public static int Pick()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

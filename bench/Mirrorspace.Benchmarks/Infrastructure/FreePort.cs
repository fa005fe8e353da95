using System.Net;
using System.Net.Sockets;

namespace Mirrorspace.Benchmarks.Infrastructure;

internal static class FreePort
{
    /// <summary>A loopback port that was free a moment ago (as the node picks its silo and gateway ports).</summary>
    public static int Pick()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

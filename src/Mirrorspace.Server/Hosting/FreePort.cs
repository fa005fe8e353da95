using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Mirrorspace.Server.Hosting;

internal static class FreePort
{
    private const string EphemeralRangeFile = "/proc/sys/net/ipv4/ip_local_port_range";
    private const int LowestPort = 20_000;

    /// <summary>
    /// A loopback port that was free a moment ago, taken below the kernel's ephemeral range.
    /// Orleans needs the silo port before it binds, so there is a window between the pick and
    /// the bind; a port from the ephemeral range can be handed to any outgoing connection in
    /// that window (a busy node or test run makes hundreds), one below it cannot.
    /// </summary>
    public static int Pick()
    {
        var below = EphemeralRangeStart();
        if (below > LowestPort + 1_000)
        {
            for (var attempt = 0; attempt < 50; attempt++)
            {
                var port = Random.Shared.Next(LowestPort, below);
                if (TryBind(port))
                {
                    return port;
                }
            }
        }

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool TryBind(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int EphemeralRangeStart()
    {
        try
        {
            var first = File.ReadAllText(EphemeralRangeFile).Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries)[0];
            return int.Parse(first, CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 32_768;
        }
    }
}

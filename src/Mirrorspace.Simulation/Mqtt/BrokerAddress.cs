using System.Diagnostics.CodeAnalysis;

namespace Mirrorspace.Simulation.Mqtt;

/// <summary>An MQTT over TLS endpoint, written <c>mqtts://host:port</c>. Plain MQTT is not offered: device secrets would cross it in clear.</summary>
public sealed record BrokerAddress(string Host, int Port)
{
    public const int DefaultPort = 8883;

    public static bool TryParse(string? text, [NotNullWhen(true)] out BrokerAddress? address, [NotNullWhen(false)] out string? error)
    {
        address = null;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme != "mqtts" || string.IsNullOrEmpty(uri.Host)
            || uri.AbsolutePath is not ("" or "/") || uri.Query.Length > 0 || uri.UserInfo.Length > 0)
        {
            error = $"'{text}' is not an MQTT over TLS address like mqtts://127.0.0.1:8883";
            return false;
        }

        error = null;
        address = new BrokerAddress(uri.HostNameType is UriHostNameType.IPv6 ? uri.DnsSafeHost : uri.IdnHost, uri.IsDefaultPort || uri.Port < 0 ? DefaultPort : uri.Port);
        return true;
    }

    public override string ToString() => $"mqtts://{(Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host)}:{Port}";
}

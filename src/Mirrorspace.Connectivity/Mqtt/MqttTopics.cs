using System.Diagnostics.CodeAnalysis;
using Mirrorspace.Domain.Common;

namespace Mirrorspace.Connectivity.Mqtt;

/// <summary>The topic tree a device sees: <c>mirrorspace/v1/twins/{twinId}/{reported|desired|commands}</c>.</summary>
public static class MqttTopics
{
    public const string Reported = "reported";
    public const string Desired = "desired";
    public const string Commands = "commands";
    private const string Root = "mirrorspace/v1/twins/";

    public static string For(string twinId, string channel) => $"{Root}{twinId}/{channel}";

    /// <summary>Splits a concrete topic (no wildcards) into its twin and channel.</summary>
    public static bool TryParse(string? topic, [NotNullWhen(true)] out string? twinId, [NotNullWhen(true)] out string? channel)
    {
        twinId = null;
        channel = null;
        if (topic is null || !topic.StartsWith(Root, StringComparison.Ordinal) || IsWildcard(topic))
        {
            return false;
        }

        var rest = topic.AsSpan(Root.Length);
        var slash = rest.IndexOf('/');
        if (slash <= 0)
        {
            return false;
        }

        var twin = rest[..slash].ToString();
        var tail = rest[(slash + 1)..].ToString();
        if (!Identifiers.IsValidTwinId(twin) || tail is not (Reported or Desired or Commands))
        {
            return false;
        }

        twinId = twin;
        channel = tail;
        return true;
    }

    public static bool IsWildcard(string topic) => topic.Contains('#', StringComparison.Ordinal) || topic.Contains('+', StringComparison.Ordinal);
}

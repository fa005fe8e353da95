using Microsoft.Extensions.Logging;

namespace Mirrorspace.Connectivity.Mqtt;

// Event ids 3001-3099: the MQTT bridge.
public sealed partial class MqttBridge
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "MQTT connection of client {ClientId} refused: {Reason}")]
    private static partial void LogConnectionRefused(ILogger logger, string clientId, string reason);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "MQTT publish of device {DeviceId} to {Topic} refused: {Reason}")]
    private static partial void LogPublishRefused(ILogger logger, string deviceId, string topic, string reason);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "MQTT subscription of client {ClientId} to {Topic} refused: {Reason}")]
    private static partial void LogSubscriptionRefused(ILogger logger, string clientId, string topic, string reason);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "Device {DeviceId} throttled: over its contract rate of {Rate} messages/s")]
    private static partial void LogThrottled(ILogger logger, string deviceId, double rate);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning, Message = "Dropped a message on {Topic} for slow client {ClientId}: more than {Limit} pending")]
    private static partial void LogDropped(ILogger logger, string clientId, string topic, int limit);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Information, Message = "Disconnected device {DeviceId}: {Reason}")]
    private static partial void LogDisconnected(ILogger logger, string deviceId, string reason);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Error, Message = "MQTT bridge failed during {Stage} for client {ClientId}")]
    private static partial void LogBridgeFailure(ILogger logger, Exception exception, string stage, string clientId);
}

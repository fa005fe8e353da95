using Microsoft.Extensions.Logging;
using MQTTnet;

namespace Mirrorspace.Simulation.Devices;

// Event ids 7001-7049: simulated devices.
public sealed partial class SimulatedDevice
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Device {DeviceId} follows desired state v{Version} ({Properties})")]
    private static partial void LogDesired(ILogger logger, string deviceId, long version, string properties);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information, Message = "Device {DeviceId} received command {Name} ({CommandId})")]
    private static partial void LogCommand(ILogger logger, string deviceId, string name, string commandId);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Warning, Message = "Device {DeviceId} could not read a message on {Topic}")]
    private static partial void LogUnreadable(ILogger logger, string deviceId, string topic);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Warning, Message = "Device {DeviceId}: a reading was refused with {ReasonCode} ({Reason}); later refusals with this code are only counted")]
    private static partial void LogRefused(ILogger logger, string deviceId, MqttClientPublishReasonCode reasonCode, string reason);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Warning, Message = "Device {DeviceId}: a reading got no answer ({Reason})")]
    private static partial void LogLost(ILogger logger, string deviceId, string reason);

    [LoggerMessage(EventId = 7006, Level = LogLevel.Information, Message = "Device {DeviceId} reconnected")]
    private static partial void LogReconnected(ILogger logger, string deviceId);

    [LoggerMessage(EventId = 7007, Level = LogLevel.Warning, Message = "Device {DeviceId} could not reconnect: {Reason}")]
    private static partial void LogReconnectFailed(ILogger logger, string deviceId, string reason);

    [LoggerMessage(EventId = 7008, Level = LogLevel.Debug, Message = "Device {DeviceId} disconnect was not clean: {Reason}")]
    private static partial void LogDisconnectFailed(ILogger logger, string deviceId, string reason);
}

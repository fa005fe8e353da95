using System.Net;
using Mirrorspace.Runtime.Audit;
using Mirrorspace.Runtime.Twins;
using Mirrorspace.Security.Audit;
using Mirrorspace.Security.Devices;
using Mirrorspace.Storage.Devices;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace Mirrorspace.Connectivity.Mqtt;

public sealed partial class MqttBridge
{
    private async Task ValidateConnectionAsync(ValidatingConnectionEventArgs args)
    {
        try
        {
            var (device, refusal, reason, knownTenantId) = await AuthenticateAsync(args).ConfigureAwait(false);
            if (device is null)
            {
                await RefuseConnectionAsync(args, refusal, reason, args.UserName, knownTenantId).ConfigureAwait(false);
                return;
            }

            // Resolved on every connect, so a model change applies from the next connection.
            var twin = await grains.Twin(device.TenantId, device.TwinId).GetAsync().ConfigureAwait(false);
            var model = twin.Outcome is TwinOutcome.Ok && twin.Snapshot is not null
                ? await ModelOf(device.TenantId, twin.Snapshot).ConfigureAwait(false)
                : null;
            if (model is null)
            {
                await RefuseConnectionAsync(args, MqttConnectReasonCode.NotAuthorized, $"twin '{device.TwinId}' does not exist", device.DeviceId, device.TenantId).ConfigureAwait(false);
                return;
            }

            if (ConnectionCount(device.TenantId) >= Options.MaxConnectionsPerTenant && !_connected.ContainsKey(device.DeviceId))
            {
                await RefuseConnectionAsync(args, MqttConnectReasonCode.QuotaExceeded, $"tenant at its limit of {Options.MaxConnectionsPerTenant} connections", device.DeviceId, device.TenantId).ConfigureAwait(false);
                return;
            }

            var session = new DeviceSession(
                device.DeviceId, device.TenantId, device.TwinId, args.ProtocolVersion, AllowanceOf(device.DeviceId, model.Sync.MaxMessagesPerSecond));
            _connected[device.DeviceId] = session;
            args.SessionItems[SessionKey] = session;
            args.ReasonCode = MqttConnectReasonCode.Success;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogBridgeFailure(logger, ex, "connect", args.ClientId);
            args.ReasonCode = MqttConnectReasonCode.ServerUnavailable;
        }
    }

    /// <summary>
    /// A client certificate registered to a device wins; otherwise user name and secret. The client id must be the device id.
    /// A refusal names the tenant of the device the credential claims, when there is one, so that tenant's audit log shows it.
    /// </summary>
    private async Task<(DeviceRecord? Device, MqttConnectReasonCode Refusal, string Reason, string? KnownTenantId)> AuthenticateAsync(ValidatingConnectionEventArgs args)
    {
        DeviceRecord? device;
        if (args.ClientCertificate is { } certificate)
        {
            device = await devices.FindByThumbprintAsync(DeviceCredentials.Thumbprint(certificate.RawData), args.CancellationToken).ConfigureAwait(false);
            if (device is null)
            {
                return (null, MqttConnectReasonCode.BadUserNameOrPassword, "unknown client certificate", null);
            }

            if (!string.IsNullOrEmpty(args.UserName) && args.UserName != device.DeviceId)
            {
                return (null, MqttConnectReasonCode.BadUserNameOrPassword, "user name is not the certificate's device", device.TenantId);
            }
        }
        else
        {
            if (!DeviceCredentials.IsDeviceId(args.UserName) || string.IsNullOrEmpty(args.Password))
            {
                return (null, MqttConnectReasonCode.BadUserNameOrPassword, "no device credential", null);
            }

            device = await devices.FindAsync(args.UserName, args.CancellationToken).ConfigureAwait(false);
            if (device?.SecretHash is null
                || !DeviceCredentials.TryReadDeviceId(args.Password, out var claimed)
                || claimed != device.DeviceId
                || !DeviceCredentials.Verify(args.Password, device.SecretHash))
            {
                return (null, MqttConnectReasonCode.BadUserNameOrPassword, device is null ? "unknown device" : "wrong secret", device?.TenantId);
            }
        }

        if (args.ClientId != device.DeviceId)
        {
            return (null, MqttConnectReasonCode.ClientIdentifierNotValid, $"client id '{args.ClientId}' is not the device id", device.TenantId);
        }

        return device.Enabled
            ? (device, MqttConnectReasonCode.Success, string.Empty, device.TenantId)
            : (null, MqttConnectReasonCode.NotAuthorized, "device disabled", device.TenantId);
    }

    private async Task RefuseConnectionAsync(ValidatingConnectionEventArgs args, MqttConnectReasonCode code, string reason, string? principal, string? tenantId = null)
    {
        args.ReasonCode = code;
        LogConnectionRefused(logger, args.ClientId, reason);
        await RecordAsync(AuditActions.MqttConnect, tenantId, principal ?? args.ClientId, $"client {args.ClientId}", reason, args.RemoteEndPoint).ConfigureAwait(false);
    }

    private Task OnConnectedAsync(ClientConnectedEventArgs args)
    {
        // A taken-over session keeps the broker's old session items: point them at this connection's session.
        if (_connected.TryGetValue(args.ClientId, out var session))
        {
            args.SessionItems[SessionKey] = session;
            activity.Connected(session.DeviceId, true);
        }

        return Task.CompletedTask;
    }

    private Task OnDisconnectedAsync(ClientDisconnectedEventArgs args)
    {
        if (args.DisconnectType is not MqttClientDisconnectType.Takeover
            && SessionOf(args.SessionItems) is { } session
            && _connected.TryRemove(new KeyValuePair<string, DeviceSession>(args.ClientId, session)))
        {
            activity.Connected(session.DeviceId, false);
        }

        return Task.CompletedTask;
    }

    private Task<long> RecordAsync(string action, string? tenantId, string principal, string resource, string reason, EndPoint? remote) =>
        audit.RecordAsync(
            new AuditRecord
            {
                TenantId = tenantId,
                Principal = principal,
                Action = action,
                Resource = resource,
                Outcome = AuditOutcome.Denied,
                Reason = reason,
                RemoteAddress = (remote as IPEndPoint)?.Address.ToString(),
            },
            CancellationToken.None);
}

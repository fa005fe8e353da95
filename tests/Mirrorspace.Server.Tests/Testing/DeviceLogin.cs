namespace Mirrorspace.Server.Tests.Testing;

/// <summary>The client id and the <c>-u</c>/<c>-P</c> a mosquitto client logs in with.</summary>
public sealed record DeviceLogin(string ClientId, string? UserName, string? Password)
{
    public static DeviceLogin Of(RegisteredDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return new DeviceLogin(device.DeviceId, device.DeviceId, device.Secret);
    }

    public IEnumerable<string> Arguments =>
        (UserName is null ? [] : new[] { "-u", UserName }).Concat(Password is null ? [] : ["-P", Password]);
}

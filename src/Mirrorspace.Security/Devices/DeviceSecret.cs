namespace Mirrorspace.Security.Devices;

/// <summary>A freshly made device secret: <see cref="Text"/> is shown once; only <see cref="Hash"/> is stored.</summary>
public sealed record DeviceSecret(string Text, byte[] Hash);

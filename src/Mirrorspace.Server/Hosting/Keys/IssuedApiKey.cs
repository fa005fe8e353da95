using Mirrorspace.Storage.Records;

namespace Mirrorspace.Server.Hosting.Keys;

/// <summary>A key just issued: <see cref="Text"/> is shown this once, and only its hash is in <see cref="Record"/>.</summary>
public sealed record IssuedApiKey(ApiKeyRecord Record, string Text);

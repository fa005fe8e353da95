namespace Mirrorspace.Server.Tests.Testing;

/// <summary>How a mosquitto run ended.</summary>
public sealed record MosquittoResult(int ExitCode, string Output, string Error);

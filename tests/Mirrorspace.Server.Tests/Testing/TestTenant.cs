namespace Mirrorspace.Server.Tests.Testing;

/// <summary>A tenant of the test node and the text of one API key per role.</summary>
public sealed record TestTenant(string Id, string AdminKey, string OperatorKey, string ViewerKey);

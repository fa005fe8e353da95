using Mirrorspace.Server.Hosting;

var app = MirrorspaceApp.Build(MirrorspaceApp.CreateBuilder(args));
await app.RunAsync();

/// <summary>Entry point, visible to the API tests' WebApplicationFactory.</summary>
public partial class Program;

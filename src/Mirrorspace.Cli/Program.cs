using System.CommandLine;
using Mirrorspace.Cli.Commands;
using Mirrorspace.Cli.Commands.Connectors;

var root = new RootCommand("Mirrorspace: a secure, multi-tenant digital twin platform.");
root.Subcommands.Add(InitCommand.Create());
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(DemoCommand.Create());
root.Subcommands.Add(KeysCommand.Create());
root.Subcommands.Add(SubjectCommand.Create());
root.Subcommands.Add(ExportCommand.Create());
root.Subcommands.Add(TenantCommand.Create());
root.Subcommands.Add(ApiKeyCommand.Create());
root.Subcommands.Add(PlatformCommand.Create());
root.Subcommands.Add(UserCommand.Create());
root.Subcommands.Add(DeviceCommand.Create());
root.Subcommands.Add(ConnectorCommand.Create());
root.Subcommands.Add(QuarantineCommand.Create());
root.Subcommands.Add(SignalsCommand.Create());
root.Subcommands.Add(SimulateCommand.Create());
root.Subcommands.Add(new Command("audit", "Inspect the tamper-evident audit log.") { AuditVerifyCommand.Create() });

// The node's own host lifetime handles Ctrl-C and SIGTERM and shuts down gracefully (snapshots are
// flushed); the parser must not cut that short with its own termination timeout.
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });

using Mirrorspace.Simulation.Devices;

namespace Mirrorspace.Simulation.Tests.Devices;

public sealed class CommandMessageTests
{
    [Fact]
    public void TryParse_NodesCommand_ReadsIdNameAndArguments()
    {
        var command = CommandMessage.TryParse("""{"commandId":"c1","name":"restart","arguments":{"delay":5}}""");

        Assert.NotNull(command);
        Assert.Equal(("c1", "restart"), (command.CommandId, command.Name));
        Assert.Equal(5, command.Arguments["delay"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("{")]
    [InlineData("""{"name":"restart"}""")]
    [InlineData("""{"commandId":1,"name":"restart"}""")]
    public void TryParse_SomethingElse_IsNull(string payload)
    {
        Assert.Null(CommandMessage.TryParse(payload));
    }
}

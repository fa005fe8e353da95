using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Mirrorspace.Connectivity.Mqtt;
using Mirrorspace.Server.Tests.Testing;
using MQTTnet;

namespace Mirrorspace.Server.Tests.Mqtt;

/// <summary>
/// The broker is part of the node's start: TLS only unless plain MQTT is asked for on loopback, and a
/// node that cannot offer the connections it was told to offer does not start at all.
/// </summary>
public sealed class MqttBrokerStartTests(MirrorspaceFactory factory) : IClassFixture<MirrorspaceFactory>
{
    [Fact]
    public void Start_Default_ListensOnTlsOnlyOnLoopback()
    {
        var broker = factory.Services.GetRequiredService<MqttBroker>();

        Assert.NotNull(broker.TlsEndpoint);
        Assert.True(System.Net.IPAddress.IsLoopback(broker.TlsEndpoint.Address));
        Assert.Null(broker.PlainEndpoint);
        Assert.Null(factory.Services.GetRequiredService<IOptions<MqttOptions>>().Value.PlainAddress);
    }

    [Fact]
    public async Task Connect_WithoutTlsToTheBroker_Fails()
    {
        using var admin = factory.CreateClient((await factory.TenantAAsync()).AdminKey);
        var device = await admin.NewPumpDeviceAsync();
        var endpoint = factory.Services.GetRequiredService<MqttBroker>().TlsEndpoint!;
        using var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer(endpoint.Address.ToString(), endpoint.Port)
            .WithClientId(device.DeviceId)
            .WithCredentials(device.DeviceId, device.Secret)
            .WithTimeout(TimeSpan.FromSeconds(5))
            .Build();

        var failure = await Record.ExceptionAsync(() => client.ConnectAsync(options, TestContext.Current.CancellationToken));

        Assert.NotNull(failure);
        Assert.False(client.IsConnected);
    }

    [Theory]
    [InlineData("0.0.0.0:1883")]
    [InlineData("192.0.2.10:1883")]
    [InlineData("[::]:1883")]
    public async Task Start_PlainMqttOnANonLoopbackAddress_Fails(string plainAddress)
    {
        await using var node = new ConfiguredFactory(new Dictionary<string, string> { ["Mirrorspace:Mqtt:PlainAddress"] = plainAddress });

        var failure = Assert.ThrowsAny<Exception>(() => node.Services);

        var validation = Assert.IsType<OptionsValidationException>(Innermost<OptionsValidationException>(failure));
        Assert.Contains(validation.Failures, f => f.Contains("loopback", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_PlainMqttOnLoopback_ListensThere()
    {
        await using var node = new ConfiguredFactory(new Dictionary<string, string> { ["Mirrorspace:Mqtt:PlainAddress"] = "127.0.0.1:0" });

        var broker = node.Services.GetRequiredService<MqttBroker>();

        Assert.NotNull(broker.PlainEndpoint);
        Assert.True(System.Net.IPAddress.IsLoopback(broker.PlainEndpoint.Address));
        Assert.NotEqual(0, broker.PlainEndpoint.Port);
        using var admin = node.CreateClient((await node.TenantAAsync()).AdminKey);
        var device = await admin.NewPumpDeviceAsync();
        using var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer(broker.PlainEndpoint.Address.ToString(), broker.PlainEndpoint.Port)
            .WithClientId(device.DeviceId)
            .WithCredentials(device.DeviceId, device.Secret)
            .Build();
        Assert.Equal(MqttClientConnectResultCode.Success, (await client.ConnectAsync(options, TestContext.Current.CancellationToken)).ResultCode);
    }

    [Fact]
    public async Task Start_TlsPortAlreadyTaken_Fails()
    {
        var taken = factory.Services.GetRequiredService<MqttBroker>().TlsEndpoint!;
        await using var second = new ConfiguredFactory(new Dictionary<string, string> { ["Mirrorspace:Mqtt:TlsAddress"] = taken.ToString() });

        var failure = Assert.ThrowsAny<Exception>(() => second.Services);

        var socket = Assert.IsType<SocketException>(Innermost<SocketException>(failure));
        Assert.Equal(SocketError.AddressAlreadyInUse, socket.SocketErrorCode);
    }

    /// <summary>The exception of type <typeparamref name="T"/> in the chain (or aggregate) that ends the start.</summary>
    private static Exception? Innermost<T>(Exception failure)
        where T : Exception
    {
        for (Exception? current = failure; current is not null; current = current.InnerException)
        {
            if (current is T)
            {
                return current;
            }

            if (current is AggregateException aggregate && aggregate.InnerExceptions.Select(Innermost<T>).FirstOrDefault(e => e is not null) is { } found)
            {
                return found;
            }
        }

        return null;
    }
}

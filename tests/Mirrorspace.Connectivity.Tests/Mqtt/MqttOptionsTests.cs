using System.ComponentModel.DataAnnotations;
using Mirrorspace.Connectivity.Mqtt;

namespace Mirrorspace.Connectivity.Tests.Mqtt;

/// <summary>What the broker's settings allow: TLS always, plain MQTT only when asked and only on loopback, and sane bounds.</summary>
public sealed class MqttOptionsTests
{
    [Fact]
    public void Defaults_AreValidTlsOnLoopbackWithoutPlainMqtt()
    {
        var sut = new MqttOptions();

        Assert.Empty(Validate(sut));
        Assert.Null(sut.PlainAddress);
        Assert.Equal("127.0.0.1:8883", sut.TlsAddress);
        Assert.Equal(64 * 1024, sut.MaxMessageBytes);
        Assert.Equal(10_000, sut.MaxPendingMessagesPerClient);
    }

    [Theory]
    [InlineData("127.0.0.1:1883")]
    [InlineData("127.0.0.1:0")]
    [InlineData("[::1]:1883")]
    public void Validate_PlainOnLoopback_IsValid(string address) =>
        Assert.Empty(Validate(new MqttOptions { PlainAddress = address }));

    [Theory]
    [InlineData("0.0.0.0:1883")]
    [InlineData("[::]:1883")]
    [InlineData("10.0.0.5:1883")]
    [InlineData("192.168.1.20:1883")]
    [InlineData("[2001:db8::1]:1883")]
    public void Validate_PlainOnANonLoopbackAddress_IsRefusedNamingLoopback(string address)
    {
        var failure = Assert.Single(Validate(new MqttOptions { PlainAddress = address }));

        Assert.Equal([nameof(MqttOptions.PlainAddress)], failure.MemberNames);
        Assert.Contains("loopback", failure.ErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("localhost:1883")]
    [InlineData("1883")]
    [InlineData("not an address")]
    public void Validate_PlainNotAnAddress_IsRefused(string address) =>
        Assert.Equal([nameof(MqttOptions.PlainAddress)], Assert.Single(Validate(new MqttOptions { PlainAddress = address })).MemberNames);

    [Theory]
    [InlineData("")]
    [InlineData("localhost")]
    [InlineData("127.0.0.1:port")]
    public void Validate_TlsNotAnAddress_IsRefused(string address) =>
        Assert.Contains(Validate(new MqttOptions { TlsAddress = address }), r => r.MemberNames.Contains(nameof(MqttOptions.TlsAddress)));

    [Theory]
    [InlineData(nameof(MqttOptions.MaxMessageBytes), 255)]
    [InlineData(nameof(MqttOptions.MaxMessageBytes), (16 * 1024 * 1024) + 1)]
    [InlineData(nameof(MqttOptions.MaxConnectionsPerTenant), 0)]
    [InlineData(nameof(MqttOptions.MaxPendingMessagesPerClient), 99)]
    [InlineData(nameof(MqttOptions.BurstSeconds), 0)]
    public void Validate_OutOfRange_IsRefused(string property, double value)
    {
        var sut = new MqttOptions();
        var setter = typeof(MqttOptions).GetProperty(property)!;
        setter.SetValue(sut, Convert.ChangeType(value, setter.PropertyType, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Contains(Validate(sut), r => r.MemberNames.Contains(property));
    }

    private static List<ValidationResult> Validate(MqttOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }
}

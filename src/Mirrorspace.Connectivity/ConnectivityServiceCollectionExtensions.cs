using Microsoft.Extensions.DependencyInjection;
using Mirrorspace.Connectivity.Devices;
using Mirrorspace.Connectivity.Mqtt;

namespace Mirrorspace.Connectivity;

public static class ConnectivityServiceCollectionExtensions
{
    /// <summary>The embedded MQTT broker and device management, over an already registered device store and twin runtime.</summary>
    public static IServiceCollection AddMirrorspaceConnectivity(this IServiceCollection services)
    {
        services.AddOptions<MqttOptions>().BindConfiguration(MqttOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<DeviceActivity>();
        services.AddSingleton<MqttBridge>();
        services.AddSingleton<MqttBroker>();
        services.AddHostedService(sp => sp.GetRequiredService<MqttBroker>());
        services.AddSingleton<DeviceRegistry>();
        return services;
    }
}

using System.Text.Json.Nodes;
using Mirrorspace.Domain.Models;
using Mirrorspace.Simulation.Mqtt;

namespace Mirrorspace.Cli.Simulation;

/// <summary>
/// A twin ready to be played by a simulated device: its fresh credential, its model, its reported state
/// when it was read, and the HS256 key its device signs readings with when it was registered for signing.
/// </summary>
internal sealed record SimulatedTwin(DeviceIdentity Identity, TwinModel Model, JsonObject Reported, byte[]? SigningKey = null);

using System.Text.Json.Nodes;
using Mirrorspace.Domain.Models;
using Mirrorspace.Simulation.Mqtt;

namespace Mirrorspace.Cli.Simulation;

/// <summary>A twin ready to be played by a simulated device: its fresh credential, its model, and its reported state when it was read.</summary>
internal sealed record SimulatedTwin(DeviceIdentity Identity, TwinModel Model, JsonObject Reported);

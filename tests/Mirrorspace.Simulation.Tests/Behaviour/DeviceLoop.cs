using System.Text.Json.Nodes;
using Mirrorspace.Simulation.Behaviour;

namespace Mirrorspace.Simulation.Tests.Behaviour;

/// <summary>
/// Plays a device against a <see cref="FakeNode"/> on logical time: each reading is sent, handled by the
/// node some time later and acknowledged later still, with seeded random delays — the timing a real
/// connection has, without waiting for it.
/// </summary>
internal sealed class DeviceLoop(DeviceBehaviour sut, FakeNode node, int seed = 7)
{
    private readonly Random _delays = new(seed);

    public TimeSpan Now { get; private set; } = TimeSpan.FromSeconds(1);

    public List<JsonObject> Readings { get; } = [];

    /// <summary>Makes <paramref name="count"/> readings (sending the non-empty ones), one every <paramref name="interval"/> (or as soon as the last was acknowledged).</summary>
    /// <param name="refuseEvery">Makes the node drop every n-th reading before judging it, as a throttled or lost one.</param>
    public void Run(int count, TimeSpan interval, double maxDelaySeconds = 0.05, int refuseEvery = 0)
    {
        for (var i = 1; i <= count; i++)
        {
            var sent = Now;
            var reading = sut.NextReading(sent);
            if (reading.Count == 0)
            {
                // Nothing to report: the device sends nothing this time.
                Now = sent + interval;
                continue;
            }

            Readings.Add(reading);
            var handled = sent + TimeSpan.FromSeconds(_delays.NextDouble() * maxDelaySeconds);
            var acknowledged = handled + TimeSpan.FromSeconds(_delays.NextDouble() * maxDelaySeconds);
            var stored = (refuseEvery == 0 || i % refuseEvery != 0) && node.Handle(reading, handled);
            if (stored)
            {
                sut.Stored(acknowledged);
            }
            else
            {
                sut.NotStored();
            }

            Now = acknowledged > sent + interval ? acknowledged : sent + interval;
        }
    }
}

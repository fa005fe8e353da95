using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Mirrorspace.Benchmarks.Infrastructure;
using Mirrorspace.Domain.Integrity;
using Mirrorspace.Domain.Models;
using Mirrorspace.Domain.Twins;
using Mirrorspace.Runtime.Ingestion;
using Mirrorspace.Security.Freshness;
using Mirrorspace.Security.Signatures;

namespace Mirrorspace.Benchmarks;

/// <summary>
/// The cost of each trust check a reading goes through, one reading per operation: the signature
/// (HS256 as the default, ES256 and EdDSA as the opt-in asymmetric ones) over a ~200-byte reading,
/// the replay guard, the three statistical detectors on one property, and a consistency rule.
/// The budget for the whole pipeline is 20 µs of CPU per reading at 100,000 readings/s on 2 cores.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 8)]
[IterationTime(250)]
public class IntegrityStageBenchmarks : IDisposable
{
    private const string Reading = """{"seq":123456,"ts":"2026-11-26T10:00:00Z","reported":{"temperature":41.7,"vibration":2.31,"speed":1482,"power":0.74,"bearingWear":12.5}}""";
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);

    private readonly SpikeDetector _spike = new();
    private readonly DriftDetector _drift = new(warmUp: 100);
    private readonly StuckDetector _stuck = new();
    private readonly ReplayGuard _replay = new(TimeSpan.FromSeconds(30));
    private readonly ConsistencyRule _power = new("power", Expression.TryParse("2.2e-10 * speed^3", out _)!, 0.1, 0.05);
    private readonly Random _random = new(7);
    private DeviceSigningKey _hs256 = null!;
    private DeviceSigningKey _es256 = null!;
    private DeviceSigningKey _edDsa = null!;
    private byte[] _hs256Jws = null!;
    private byte[] _es256Jws = null!;
    private byte[] _edDsaJws = null!;
    private uint _sequence;
    private const int PipelineMessages = 1024;
    private const int ReadingsPerLane = 1_000;
    private DeviceSigningKey _secondLaneKey = null!;
    private PipelineLane[] _lanes = null!;

    [GlobalSetup]
    public void Setup()
    {
        var secret = RandomNumberGenerator.GetBytes(32);
        _hs256 = DeviceSigningKey.Hs256(secret);
        _hs256Jws = Jws("HS256", input => HMACSHA256.HashData(secret, input));

        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        _es256 = DeviceSigningKey.Es256(ecdsa.ExportSubjectPublicKeyInfoPem());
        _es256Jws = Jws("ES256", input => ecdsa.SignData(input, HashAlgorithmName.SHA256));

        using var ed = NSec.Cryptography.Key.Create(NSec.Cryptography.SignatureAlgorithm.Ed25519);
        _edDsa = DeviceSigningKey.EdDsa(ed.PublicKey.Export(NSec.Cryptography.KeyBlobFormat.RawPublicKey));
        _edDsaJws = Jws("EdDSA", input => NSec.Cryptography.SignatureAlgorithm.Ed25519.Sign(ed, input));

        for (var i = 0; i < 1_000; i++)
        {
            Detectors(41.7 + _random.NextDouble());
        }

        var model = ModelDocumentParser.ParseJson(PipelineModel).Model ?? throw new InvalidOperationException("The pipeline model does not parse.");
        byte[][] messages = [.. Enumerable.Range(0, PipelineMessages).Select(_ => Jws("HS256", input => HMACSHA256.HashData(secret, input), NoisyReading()))];
        _secondLaneKey = DeviceSigningKey.Hs256(secret);
        _lanes = [new PipelineLane(model, _hs256, messages), new PipelineLane(model, _secondLaneKey, messages)];

        // Past the detectors' warm-up, so every check runs as it does in steady operation.
        Parallel.For(0, 2, lane => _lanes[lane].Run(2_000));
    }

    /// <summary>One device's pipeline state: what a core works through for its readings.</summary>
    private sealed class PipelineLane(TwinModel model, DeviceSigningKey key, byte[][] messages)
    {
        private readonly TwinIntegrity _twin = new();
        private readonly TwinState _state = new();
        private readonly ReplayGuard _guard = new(TimeSpan.FromSeconds(30));
        private uint _sequence;

        public void Run(int readings)
        {
            for (var i = 0; i < readings; i++)
            {
                var verified = JwsVerifier.Verify(messages[(int)(_sequence & (PipelineMessages - 1))], key);
                var signed = SignedReading.TryParse(verified.Payload!, out _)!;
                _guard.Check(++_sequence, Now, Now);
                var patch = (JsonObject)JsonNode.Parse(signed.ReportedJson)!;
                _twin.Assess(model, _state, patch, StateUpdateValidator.CheckReported(model, _state, patch, Now));
            }
        }
    }

    private const string PipelineModel = """
        {
          "id": "pump", "version": 1,
          "properties": [
            { "name": "temperature", "type": "number", "minimum": -40, "maximum": 150 },
            { "name": "vibration", "type": "number", "minimum": 0, "maximum": 50 },
            { "name": "speed", "type": "number", "minimum": 0, "maximum": 3600 },
            { "name": "power", "type": "number", "minimum": 0, "maximum": 100 },
            { "name": "bearingWear", "type": "number", "minimum": 0, "maximum": 100 }
          ],
          "behaviours": [ { "name": "affinity", "rule": "power ≈ 2.2e-10 * speed^3", "relativeTolerance": 0.2, "absoluteTolerance": 0.05 } ]
        }
        """;

    /// <summary>A clean reading: noise around the pump's operating point, power consistent with speed.</summary>
    private string NoisyReading()
    {
        var speed = 1482 + (_random.NextDouble() * 10);
        return string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $$$"""{"seq":1,"ts":"2026-11-26T10:00:00Z","reported":{"temperature":{{{41.7 + _random.NextDouble():0.###}}},"vibration":{{{2.3 + (_random.NextDouble() * 0.1):0.###}}},"speed":{{{speed:0.#}}},"power":{{{2.2e-10 * speed * speed * speed:0.####}}},"bearingWear":{{{12.5 + (_random.NextDouble() * 0.01):0.####}}}}}""");
    }

    [Benchmark(Baseline = true)]
    public bool Hs256Signature() => JwsVerifier.Verify(_hs256Jws, _hs256).IsValid;

    [Benchmark]
    public bool Es256Signature() => JwsVerifier.Verify(_es256Jws, _es256).IsValid;

    [Benchmark]
    public bool EdDsaSignature() => JwsVerifier.Verify(_edDsaJws, _edDsa).IsValid;

    /// <summary>
    /// Every stage a signed reading takes before its commit, on one thread: HS256 verification, the
    /// signed envelope, the replay guard, the model's type and bounds checks, and the twin's detectors
    /// and behaviour on all five values.
    /// </summary>
    [Benchmark]
    public void WholePipelineHs256() => _lanes[0].Run(1);

    /// <summary>
    /// The same on both cores: two devices of two twins, each with its own guard and detectors (the
    /// pipeline shares nothing between devices), 1,000 readings each per operation.
    /// </summary>
    [Benchmark(OperationsPerInvoke = 2 * ReadingsPerLane)]
    public void WholePipelineHs256OnTwoCores() => Parallel.For(0, 2, lane => _lanes[lane].Run(ReadingsPerLane));

    [Benchmark]
    public FreshnessVerdict ReplayGuard() => _replay.Check(++_sequence, Now, Now);

    [Benchmark]
    public int SpikeDriftStuckOnOneProperty() => Detectors(41.7 + _random.NextDouble());

    [Benchmark]
    public IntegritySignal ConsistencyRule() => _power.Check(name => name == "speed" ? 1500 : 0.74);

    public void Dispose()
    {
        _hs256?.Dispose();
        _secondLaneKey?.Dispose();
        _es256?.Dispose();
        _edDsa?.Dispose();
        GC.SuppressFinalize(this);
    }

    private int Detectors(double value) =>
        (int)_spike.Observe(value) + (int)_drift.Observe(value) + (int)_stuck.Observe(value);

    private static byte[] Jws(string algorithm, Func<byte[], byte[]> sign, string reading = Reading)
    {
        var input = $"{Base64Url.EncodeToString(Encoding.UTF8.GetBytes($$"""{"alg":"{{algorithm}}"}"""))}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(reading))}";
        return Encoding.ASCII.GetBytes($"{input}.{Base64Url.EncodeToString(sign(Encoding.ASCII.GetBytes(input)))}");
    }
}

using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using Mirrorspace.Benchmarks.Infrastructure;
using Mirrorspace.Security.Crypto;
using Mirrorspace.Storage.Encryption;

namespace Mirrorspace.Benchmarks;

/// <summary>
/// Encryption at rest per value: seal and open a 256-byte payload with AES-256-GCM. One operation
/// is one encrypt plus one decrypt. <see cref="CachedKey"/> is the production path (a tenant key
/// ring whose key keeps a pool of ready <see cref="AesGcm"/> instances, nonces from a per-thread
/// buffer of CSPRNG output); <see cref="NewAesGcmPerMessage"/> is the naive way, building an
/// <see cref="AesGcm"/> (the key schedule) and calling the CSPRNG for every message, which is what
/// those two save; <see cref="CachedKeyAsStoredText"/> adds what the store decorator does
/// around it: UTF-8 encoding of a string field and the <c>enc:</c> + base64 text form.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 8)]
[IterationTime(250)]
public class EnvelopeBenchmarks : IDisposable
{
    private const int PayloadBytes = 256;

    private static readonly RecordContext Context = new("bench", "event.payload", "pump-00042/1234567");

    private readonly byte[] _payload = new byte[PayloadBytes];
    private readonly byte[] _envelope = new byte[PayloadBytes + 64];
    private readonly byte[] _opened = new byte[PayloadBytes];
    private readonly byte[] _keyBytes = new byte[DataKey.SizeInBytes];
    private readonly byte[] _nonce = new byte[EnvelopeCipher.NonceSize];
    private readonly byte[] _tag = new byte[EnvelopeCipher.TagSize];
    private DataKey _key = null!;
    private TenantKeyRing _ring = null!;
    private byte[] _associatedData = null!;
    private string _text = null!;

    [GlobalSetup]
    public void Setup()
    {
        RandomNumberGenerator.Fill(_payload);
        RandomNumberGenerator.Fill(_keyBytes);
        _key = DataKey.Generate();
        _ring = new TenantKeyRing("bench", new KeyPolicy(1, 1), new Dictionary<int, DataKey> { [1] = _key });

        // The same associated data the envelope format builds: a 6-byte header and three length-prefixed ids.
        _associatedData = new byte[6 + 12 + Encoding.UTF8.GetByteCount(Context.TenantId + Context.Kind + Context.RecordId)];

        // A JSON-like string of 256 UTF-8 bytes, as an event payload would be.
        _text = "{\"reported\":{" + new string('7', PayloadBytes - 15) + "}}";
    }

    [Benchmark(Baseline = true)]
    public int CachedKey()
    {
        var length = _ring.Encrypt(Context, _payload, _envelope);
        return _ring.Decrypt(Context, _envelope.AsSpan(0, length), _opened);
    }

    [Benchmark]
    public int NewAesGcmPerMessage()
    {
        RandomNumberGenerator.Fill(_nonce);
        using (var sealing = new AesGcm(_keyBytes, EnvelopeCipher.TagSize))
        {
            sealing.Encrypt(_nonce, _payload, _envelope.AsSpan(0, PayloadBytes), _tag, _associatedData);
        }

        using var opening = new AesGcm(_keyBytes, EnvelopeCipher.TagSize);
        opening.Decrypt(_nonce, _envelope.AsSpan(0, PayloadBytes), _tag, _opened, _associatedData);
        return _opened.Length;
    }

    [Benchmark]
    public string CachedKeyAsStoredText() => EncryptedText.Decrypt(_ring, Context, EncryptedText.Encrypt(_ring, Context, _text));

    [GlobalCleanup]
    public void Dispose()
    {
        _key?.Dispose();
        GC.SuppressFinalize(this);
    }
}

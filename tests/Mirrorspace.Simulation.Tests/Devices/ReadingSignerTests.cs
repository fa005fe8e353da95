using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Mirrorspace.Security.Signatures;
using Mirrorspace.Simulation.Devices;

namespace Mirrorspace.Simulation.Tests.Devices;

/// <summary>What the simulated devices sign must be what the node's verifier accepts, and nothing else.</summary>
public sealed class ReadingSignerTests
{
    private const string Base64UrlAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);

    [Fact]
    public void Sign_Reading_VerifiesWithTheNodesVerifierAndCarriesSeqTimeAndValues()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 10, 0, 0, 250, TimeSpan.Zero));
        var sut = new ReadingSigner(Key, clock, firstSequence: 41);

        var compact = sut.Sign(new JsonObject { ["voltage"] = 230.5 });

        using var key = DeviceSigningKey.Hs256(Key);
        var verification = JwsVerifier.Verify(compact, key);
        Assert.True(verification.IsValid, verification.Failure.ToString());
        var payload = JsonNode.Parse(verification.Payload!)!;
        Assert.Equal(41u, payload["seq"]!.GetValue<uint>());
        Assert.Equal("2026-11-26T10:00:00.250Z", payload["ts"]!.GetValue<string>());
        Assert.Equal(230.5, payload["reported"]!["voltage"]!.GetValue<double>());
    }

    [Fact]
    public void Sign_SeveralReadings_NumbersThemOneAfterAnother()
    {
        var sut = new ReadingSigner(Key, new FakeTimeProvider());

        var sequences = Enumerable.Range(0, 3).Select(_ => SequenceOf(sut.Sign([]))).ToList();

        Assert.Equal([1u, 2u, 3u], sequences);
        Assert.Equal(4u, sut.NextSequence);
    }

    [Fact]
    public void Sign_AnyCharacterOfPayloadOrSignatureChanged_NoLongerVerifies()
    {
        var compact = new ReadingSigner(Key, new FakeTimeProvider()).Sign(new JsonObject { ["current"] = 10.0 });
        using var key = DeviceSigningKey.Hs256(Key);

        // The values and their signature are what a forger would change; the fixed header is the verifier's own tests' concern.
        for (var i = compact.IndexOf('.', StringComparison.Ordinal) + 1; i < compact.Length; i++)
        {
            if (compact[i] == '.')
            {
                continue;
            }

            // Flip the character's highest bit: a low one may be padding that decodes to the same bytes.
            var tampered = new StringBuilder(compact) { [i] = Base64UrlAlphabet[Base64UrlAlphabet.IndexOf(compact[i], StringComparison.Ordinal) ^ 0b10_0000] }.ToString();
            Assert.False(JwsVerifier.Verify(tampered, key).IsValid, $"changed at {i}: {tampered}");
        }
    }

    [Fact]
    public void Forger_SameReading_DoesNotVerifyWithTheDevicesKey()
    {
        var compact = ReadingSigner.Forger(new FakeTimeProvider(), firstSequence: 7).Sign(new JsonObject { ["current"] = 10.0 });
        using var key = DeviceSigningKey.Hs256(Key);

        Assert.Equal(JwsFailure.BadSignature, JwsVerifier.Verify(compact, key).Failure);
    }

    private static uint SequenceOf(string compact) =>
        JsonNode.Parse(Base64Url.DecodeFromChars(compact.Split('.')[1]))!["seq"]!.GetValue<uint>();
}

using System.Globalization;
using System.Text;
using Mirrorspace.Domain.Integrity;
using Mirrorspace.Runtime.Twins;
using Mirrorspace.Security.Freshness;
using Mirrorspace.Security.Signatures;
using Mirrorspace.Storage;
using Mirrorspace.Storage.Integrity;
using Mirrorspace.Storage.Writes;

namespace Mirrorspace.Runtime.Ingestion;

/// <summary>
/// The one entry for device data, whatever the connection (MQTT, HTTPS, SFTP batch): every reading
/// gets its verdict here. The device-level stages run first — authenticity (the JWS signature with
/// the device's pinned key) and freshness (sequence number and clock window) — then the twin's grain
/// runs the model's checks and commits. The answer comes only once what was kept is durable, so a
/// caller may acknowledge its sender when the outcome is <c>Ok</c>.
/// </summary>
public sealed class ReadingIngestion(IGrainFactory grains, DeviceTrustBook devices, SyncWatch syncWatch, GroupCommitWriter writer, TimeProvider clock)
{
    public async Task<ReadingResult> IngestAsync(Reading reading, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var twin = grains.Twin(reading.TenantId, reading.TwinId);
        if (reading.DeviceId is null)
        {
            return Watched(reading, await twin.IngestAsync(new DeviceReading { PatchJson = reading.Payload, Source = reading.Source }).ConfigureAwait(false));
        }

        var device = await devices.GetAsync(reading.DeviceId, cancellationToken).ConfigureAwait(false);
        if (device is null || device.TenantId != reading.TenantId || device.TwinId != reading.TwinId)
        {
            return new ReadingResult { Outcome = TwinOutcome.NotFound, Verdict = Verdict.Rejected.Name() };
        }

        if (reading.Channel is ReadingChannel.Https && !device.TryTakeHttpsAllowance(out var runStarts))
        {
            return await ThrottleAsync(device, runStarts, cancellationToken).ConfigureAwait(false);
        }

        var patch = reading.Payload;
        uint? sequence = null;
        byte[]? signedBytes = null;
        if (device.SigningKey is { } key)
        {
            // Encoded once: verified, and remembered as the last accepted message for retransmissions.
            signedBytes = Encoding.ASCII.GetBytes(reading.Payload);
            var verification = JwsVerifier.Verify(signedBytes, key);
            if (!verification.IsValid)
            {
                return await RejectAsync(device, SignalKind.BadSignature, SignatureDetail(verification.Failure, key.Algorithm), cancellationToken).ConfigureAwait(false);
            }

            var signed = SignedReading.TryParse(verification.Payload!, out var error);
            if (signed is null)
            {
                device.Record(Verdict.Rejected);
                return Malformed(error!);
            }

            var now = clock.GetUtcNow();
            switch (device.Guard.Check(signed.Sequence, signed.SentAt, now))
            {
                case FreshnessVerdict.Replayed when device.IsRetransmission(signed.Sequence, signedBytes):
                    return new ReadingResult { Outcome = TwinOutcome.Ok, Verdict = Verdict.Accepted.Name(), Detail = "A retransmission of the last accepted reading; stored already." };
                case FreshnessVerdict.Replayed:
                    return await RejectAsync(
                        device,
                        SignalKind.Replay,
                        Format($"Sequence number {signed.Sequence} is not after the last accepted {device.Guard.LastAccepted}."),
                        cancellationToken).ConfigureAwait(false);
                case FreshnessVerdict.OutOfWindow:
                    return await RejectAsync(
                        device,
                        SignalKind.OutOfWindow,
                        Format($"Sent at {signed.SentAt:O}, {(signed.SentAt - now).TotalSeconds:0.#} s from the node's clock; the allowed skew is ±{device.Guard.AllowedSkew.TotalSeconds:0} s."),
                        cancellationToken).ConfigureAwait(false);
            }

            patch = signed.ReportedJson;
            sequence = signed.Sequence;
        }
        else if (LooksLikeJws(reading.Payload))
        {
            device.Record(Verdict.Rejected);
            return Malformed("This device is not registered for signed readings; send the JSON merge patch itself.");
        }

        var result = await twin.IngestAsync(new DeviceReading
        {
            PatchJson = patch,
            Source = reading.Source,
            DeviceId = device.DeviceId,
            Sequence = sequence,
            Trust = device.TakeTrustToStore(),
        }).ConfigureAwait(false);
        if (result.Outcome is TwinOutcome.Ok && signedBytes is not null)
        {
            device.Accepted(signedBytes);
        }

        device.Record(result.Outcome is TwinOutcome.Ok ? Verdicts.Parse(result.Verdict) : Verdict.Rejected);
        if (result.Outcome is TwinOutcome.Ok && reading.Channel is ReadingChannel.Https)
        {
            device.UseContractRate(result.MaxMessagesPerSecond, clock);
        }

        return Watched(reading, result);
    }

    /// <summary>
    /// Readings of one twin from a source without a device identity (a batch file), in order: the
    /// twin checks each against the state the ones before it left and commits what they keep in one
    /// group commit. The answer holds one result per reading up to the first that is not <c>Ok</c>,
    /// which changed nothing; the caller decides what to do with it and the readings after it.
    /// </summary>
    /// <exception cref="ArgumentException">The readings name different twins, or one has a device, whose
    /// readings each go through the device's stages (<see cref="IngestAsync"/>).</exception>
    public async Task<IReadOnlyList<ReadingResult>> IngestBatchAsync(IReadOnlyList<Reading> readings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(readings);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(readings.Count, ITwinGrain.MaxReadingsPerBatch, nameof(readings));
        if (readings.Count == 0)
        {
            return [];
        }

        var first = readings[0];
        if (readings.Any(r => r.DeviceId is not null || r.TenantId != first.TenantId || r.TwinId != first.TwinId))
        {
            throw new ArgumentException("A batch holds readings of one twin and no device.", nameof(readings));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var results = await grains.Twin(first.TenantId, first.TwinId)
            .IngestBatchAsync([.. readings.Select(r => new DeviceReading { PatchJson = r.Payload, Source = r.Source })])
            .ConfigureAwait(false);
        if (results.LastOrDefault(r => r.Outcome is TwinOutcome.Ok) is { } stored)
        {
            Watched(first, stored);
        }

        return results;
    }

    private ReadingResult Watched(Reading reading, ReadingResult result)
    {
        if (result.Outcome is TwinOutcome.Ok)
        {
            syncWatch.Reported(reading.TenantId, reading.TwinId, reading.DeviceId, result.StaleAfter);
        }

        return result;
    }

    /// <summary>
    /// Records a signal that concerns a twin rather than one reading's values (a flood of messages, a
    /// twin gone stale). The alert engine consumes these; until then they are in the twin's signals feed.
    /// </summary>
    public Task SignalAsync(string tenantId, string twinId, string? deviceId, SignalKind kind, string detail, CancellationToken cancellationToken = default) =>
        writer.WriteAsync([Signal(tenantId, twinId, deviceId, kind, null, detail)], cancellationToken);

    /// <summary>Over the contract rate: refused and counted like MQTT's 0x97, one flood signal per run, the trust score untouched.</summary>
    private async Task<ReadingResult> ThrottleAsync(DeviceTrust device, bool runStarts, CancellationToken cancellationToken)
    {
        const string Detail = "Over the sync contract's rate; the excess is refused and counted.";
        if (runStarts)
        {
            await SignalAsync(device.TenantId, device.TwinId, device.DeviceId, SignalKind.Flood, Detail, cancellationToken).ConfigureAwait(false);
        }

        return new ReadingResult
        {
            Outcome = TwinOutcome.Invalid,
            Verdict = Verdict.Rejected.Name(),
            Findings = [new ReadingFinding(SignalKind.Flood.Name(), null, Verdict.Rejected.Name(), Detail)],
            Detail = Detail,
        };
    }

    private async Task<ReadingResult> RejectAsync(DeviceTrust device, SignalKind kind, string detail, CancellationToken cancellationToken)
    {
        device.Record(Verdict.Rejected);
        await writer.WriteAsync(
            [Signal(device.TenantId, device.TwinId, device.DeviceId, kind, Verdict.Rejected, detail), new RecordDeviceReading(device.TenantId, device.DeviceId, null, device.TakeTrustToStore())],
            cancellationToken).ConfigureAwait(false);
        return new ReadingResult
        {
            Outcome = TwinOutcome.Invalid,
            Verdict = Verdict.Rejected.Name(),
            Findings = [new ReadingFinding(kind.Name(), null, Verdict.Rejected.Name(), detail)],
            Detail = detail,
        };
    }

    private RecordSignal Signal(string tenantId, string twinId, string? deviceId, SignalKind kind, Verdict? verdict, string detail) =>
        SignalRecords.Create(tenantId, twinId, deviceId, kind, verdict, detail, clock.GetUtcNow());

    private static ReadingResult Malformed(string message) => new()
    {
        Outcome = TwinOutcome.Invalid,
        Verdict = Verdict.Rejected.Name(),
        Errors = [new StateError("$", message)],
    };

    /// <summary>Three base64url parts; a JSON patch always starts with <c>{</c>.</summary>
    private static bool LooksLikeJws(string payload) => !payload.AsSpan().TrimStart().StartsWith("{", StringComparison.Ordinal) && payload.Count(c => c == '.') == 2;

    private static string SignatureDetail(JwsFailure failure, SignatureAlgorithm pinned) => failure switch
    {
        JwsFailure.Malformed => "Not a JWS compact serialization (three base64url parts).",
        JwsFailure.AlgorithmNotAllowed => $"The header names another algorithm than the device's pinned {pinned}.",
        JwsFailure.UnsupportedHeader => "The header asks for an extension the node does not implement (crit, b64).",
        _ => $"The {pinned} signature does not verify with the device's key.",
    };

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

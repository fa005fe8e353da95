using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Mirrorspace.Storage.IdentityProviders;

namespace Mirrorspace.Server.Auth.Oidc;

/// <summary>
/// Each provider's signing keys: fetched on first use, again when they reach their age or a token names a
/// key id the set lacks, but never more than once per <see cref="OidcOptions.JwksRefetchInterval"/>. When
/// refreshing fails the last good keys serve for <see cref="OidcOptions.JwksStaleGrace"/> past their age,
/// then no keys at all: an issuer that cannot be reached never lets a token through unchecked.
/// </summary>
internal sealed partial class JwksCache(JwksFetcher fetcher, TimeProvider clock, IOptions<OidcOptions> options, ILogger<JwksCache> logger)
{
    private readonly ConcurrentDictionary<(string TenantId, string ProviderId), Entry> _entries = new();

    /// <summary>The provider's keys, or null when none are fit to verify with (never fetched, or stale past the grace).</summary>
    public async Task<IReadOnlyList<JsonWebKey>?> GetAsync(IdentityProviderRecord provider, string? keyId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var entry = _entries.AddOrUpdate(
            (provider.TenantId, provider.ProviderId),
            _ => new Entry(provider.JwksUri),
            (_, existing) => existing.Source == provider.JwksUri ? existing : new Entry(provider.JwksUri));
        if (Usable(entry.Keys, keyId, clock.GetUtcNow()) is { } fresh)
        {
            return fresh;
        }

        await entry.Gate.WaitAsync(cancellationToken);
        try
        {
            var now = clock.GetUtcNow();
            if (Usable(entry.Keys, keyId, now) is { } fetchedMeanwhile)
            {
                return fetchedMeanwhile;
            }

            if (entry.LastAttempt is not { } last || now - last >= options.Value.JwksRefetchInterval)
            {
                entry.LastAttempt = now;
                await RefreshAsync(provider, entry, now, cancellationToken);
            }

            var keys = entry.Keys;
            return keys is not null && now < keys.FreshUntil + options.Value.JwksStaleGrace ? keys.Keys : null;
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    /// <summary>Drops what is held for a provider that was changed or deleted, so its next token fetches the keys anew.</summary>
    public void Forget(string tenantId, string providerId) => _entries.TryRemove((tenantId, providerId), out _);

    private async Task RefreshAsync(IdentityProviderRecord provider, Entry entry, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var fetch = await fetcher.FetchAsync(provider.JwksUri, cancellationToken);
        if (fetch.Keys is null)
        {
            LogFetchFailed(logger, provider.TenantId, provider.ProviderId, fetch.Failure!);
            return;
        }

        var maxAge = options.Value.JwksMaxAge;
        var age = fetch.MaxAge is { } told && told < maxAge ? TimeSpan.FromTicks(Math.Max(told.Ticks, options.Value.JwksRefetchInterval.Ticks)) : maxAge;
        entry.Keys = new KeySet(fetch.Keys, now + age);
    }

    /// <summary>The held keys when they are within their age and know the token's key id (a token without one is tried against all).</summary>
    private static IReadOnlyList<JsonWebKey>? Usable(KeySet? held, string? keyId, DateTimeOffset now) =>
        held is not null && now < held.FreshUntil && (keyId is null || held.Keys.Any(k => k.Kid == keyId)) ? held.Keys : null;

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Could not fetch the signing keys of identity provider {ProviderId} of tenant {TenantId}: {Failure}")]
    private static partial void LogFetchFailed(ILogger logger, string tenantId, string providerId, string failure);

    private sealed record KeySet(IReadOnlyList<JsonWebKey> Keys, DateTimeOffset FreshUntil);

    private sealed class Entry(Uri source)
    {
        public Uri Source { get; } = source;

        public SemaphoreSlim Gate { get; } = new(1, 1);

        public volatile KeySet? Keys;

        public DateTimeOffset? LastAttempt { get; set; }
    }
}

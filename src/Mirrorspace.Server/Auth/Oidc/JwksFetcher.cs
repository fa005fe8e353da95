using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Mirrorspace.Server.Auth.Oidc;

/// <summary>What one fetch of a JWKS gave: its signing keys and how long the issuer says to keep them, or why it failed.</summary>
internal sealed record JwksFetch(IReadOnlyList<JsonWebKey>? Keys, TimeSpan? MaxAge, string? Failure);

/// <summary>
/// Fetches an issuer's JWKS with the limits a URL chosen by a tenant admin needs (SSRF): no redirects, no
/// cookies, a timeout and a size bound, and nothing of the answer ever shown to the caller beyond a reason.
/// </summary>
internal sealed class JwksFetcher(HttpClient client, IOptions<OidcOptions> options)
{
    public const string ClientName = "jwks";

    public async Task<JwksFetch> FetchAsync(Uri uri, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uri);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.JwksFetchTimeout);
        try
        {
            using var response = await client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                return Failed($"status {(int)response.StatusCode}");
            }

            if (response.Content.Headers.ContentLength > options.Value.JwksMaxBytes)
            {
                return Failed("too large");
            }

            // The client's buffer limit stops a body without a length (or lying about it) at the bound too.
            await response.Content.LoadIntoBufferAsync(options.Value.JwksMaxBytes, timeout.Token);
            var json = await response.Content.ReadAsStringAsync(timeout.Token);
            var keys = new JsonWebKeySet(json).Keys;
            return new JwksFetch([.. keys], response.Headers.CacheControl?.MaxAge, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed("timed out");
        }
        catch (HttpRequestException)
        {
            // Unreachable, refused, TLS failed, or the body went past the bound: the log has no more, on purpose.
            return Failed("fetch failed");
        }
        catch (Exception ex) when (ex is ArgumentException or System.Text.Json.JsonException)
        {
            return Failed("not a JWKS");
        }
    }

    private static JwksFetch Failed(string reason) => new(null, null, reason);
}

using Mirrorspace.Server.Tests.Testing;

namespace Mirrorspace.Server.Tests.Auth.Oidc;

/// <summary>The tokens an attacker (or a broken issuer) presents; each must authenticate nobody, anywhere.</summary>
public enum ForgedToken
{
    AlgNone,
    Hs256WithPublicKey,
    KeyNotInJwks,
    Expired,
    NotYetValid,
    WrongIssuer,
    WrongAudience,
    TamperedPayload,
    MissingSubject,
    MissingNotBefore,
    UnmappedRole,
    AlgorithmNotPinned,
}

/// <summary>Makes each forgery against a provider that trusts <see cref="TestIssuer"/> for <c>audience</c>, mapping group <c>plant-admins</c> to admin.</summary>
public static class Forgeries
{
    public static TheoryData<ForgedToken> All => [.. Enum.GetValues<ForgedToken>()];

    /// <param name="subject">The <c>sub</c> the forgery claims (but <see cref="ForgedToken.MissingSubject"/>), so a test can find its audit entry.</param>
    public static string Make(ForgedToken kind, TestIssuer issuer, string audience, TimeProvider clock, string subject = "alice")
    {
        ArgumentNullException.ThrowIfNull(issuer);
        var valid = TokenClaims.For(issuer.Issuer, audience, clock) with { Subject = subject };
        var now = clock.GetUtcNow();
        return kind switch
        {
            ForgedToken.AlgNone => TestTokens.WithoutSignature(valid),
            ForgedToken.Hs256WithPublicKey => TestTokens.HmacWithPublicKey(issuer.Rsa, valid),

            // The published key's id on a key the issuer never published: the signature must fail, not the lookup.
            ForgedToken.KeyNotInJwks => TestTokens.Sign(TestSigningKey.CreateRsa(issuer.Rsa.KeyId), valid),

            // Past the provider's 60 s of clock skew either way.
            ForgedToken.Expired => TestTokens.Sign(issuer.Rsa, valid with { NotBefore = now.AddMinutes(-20), Expires = now.AddSeconds(-61) }),
            ForgedToken.NotYetValid => TestTokens.Sign(issuer.Rsa, valid with { NotBefore = now.AddSeconds(61), Expires = now.AddMinutes(20) }),
            ForgedToken.WrongIssuer => TestTokens.Sign(issuer.Rsa, valid with { Issuer = "https://attacker.example/" }),
            ForgedToken.WrongAudience => TestTokens.Sign(issuer.Rsa, valid with { Audience = "someone-else" }),

            // A viewer's genuine token with the payload changed to an admin's.
            ForgedToken.TamperedPayload => TestTokens.WithPayload(
                TestTokens.Sign(issuer.Rsa, valid with { Groups = ["plant-viewers"] }), valid with { Groups = ["plant-admins"] }),
            ForgedToken.MissingSubject => TestTokens.Sign(issuer.Rsa, valid with { Subject = null }),
            ForgedToken.MissingNotBefore => TestTokens.Sign(issuer.Rsa, valid with { NotBefore = null }),
            ForgedToken.UnmappedRole => TestTokens.Sign(issuer.Rsa, valid with { Groups = ["interns", "admin"] }),

            // Genuine key, genuine claims, but RS512: the provider pins RS256 and ES256.
            ForgedToken.AlgorithmNotPinned => TestTokens.Sign(TestSigningKeyWithAlgorithm(issuer, "RS512"), valid),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }

    /// <summary>The reason the audit log must give for each kind.</summary>
    public static string Reason(ForgedToken kind) => kind switch
    {
        ForgedToken.AlgNone => "algorithm 'none' not allowed",
        ForgedToken.Hs256WithPublicKey => "algorithm 'HS256' not allowed",
        ForgedToken.KeyNotInJwks or ForgedToken.TamperedPayload => "bad signature",
        ForgedToken.Expired => "expired",
        ForgedToken.NotYetValid => "not yet valid",
        ForgedToken.WrongIssuer or ForgedToken.WrongAudience => "unknown issuer or audience",
        ForgedToken.MissingSubject => "no valid subject",
        ForgedToken.MissingNotBefore => "no nbf",
        ForgedToken.UnmappedRole => "no role mapped",
        ForgedToken.AlgorithmNotPinned => "algorithm 'RS512' not allowed",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static TestSigningKey TestSigningKeyWithAlgorithm(TestIssuer issuer, string algorithm) =>
        TestSigningKey.FromRsa(issuer.Rsa, algorithm);
}

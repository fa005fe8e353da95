using Mirrorspace.Security.Passwords;

namespace Mirrorspace.Security.Tests.Passwords;

public sealed class PasswordHasherTests
{
    private const string Password = "correct-horse-battery";

    [Fact]
    public void Hash_IsSelfDescribingWithTheCurrentWorkFactorAndAFreshSalt()
    {
        var hasher = new PasswordHasher(iterations: 1_000);

        var first = hasher.Hash(Password);
        var second = hasher.Hash(Password);

        Assert.Matches(@"^\$pbkdf2-sha256\$i=1000\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$", first);
        Assert.NotEqual(first, second);
        Assert.Equal(PasswordHasher.CurrentIterations, new PasswordHasher().Iterations);
        Assert.Equal(600_000, PasswordHasher.CurrentIterations);
    }

    [Fact]
    public void Verify_RightAndWrongPassword()
    {
        var hasher = new PasswordHasher(iterations: 1_000);
        var hash = hasher.Hash(Password);

        Assert.Equal(PasswordVerification.Verified, hasher.Verify(Password, hash));
        Assert.Equal(PasswordVerification.Failed, hasher.Verify(Password + "!", hash));
        Assert.Equal(PasswordVerification.Failed, hasher.Verify("", hash));
    }

    [Fact]
    public void Verify_PublishedVector_IsPbkdf2HmacSha256()
    {
        // The PBKDF2-HMAC-SHA256 vector in the style of RFC 6070: 4,096 iterations (its first 32 bytes).
        var vector = new PasswordHash(
            PasswordHash.Pbkdf2Sha256,
            4096,
            "saltSALTsaltSALTsaltSALTsaltSALTsalt"u8.ToArray(),
            Convert.FromHexString("348c89dbcbd32b2f32d814b8116e84cf2b17347ebc1800181c4e2a1fb8dd53e1"));

        Assert.Equal(PasswordVerification.Verified, new PasswordHasher(4096).Verify("passwordPASSWORDpassword", vector.Encode()));
        Assert.Equal(PasswordVerification.Failed, new PasswordHasher(4096).Verify("passwordPASSWORDpassworD", vector.Encode()));
    }

    [Fact]
    public void Verify_HashOfALowerWorkFactor_AsksForARehash()
    {
        var old = new PasswordHasher(iterations: 1_000).Hash(Password);
        var current = new PasswordHasher(iterations: 2_000);

        Assert.Equal(PasswordVerification.VerifiedNeedsRehash, current.Verify(Password, old));
        Assert.Equal(PasswordVerification.Failed, current.Verify("wrong", old));
        Assert.Equal(PasswordVerification.Verified, current.Verify(Password, current.Hash(Password)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("plaintext")]
    [InlineData("$bcrypt$i=10$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA")]
    [InlineData("$pbkdf2-sha256$i=0$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA")]
    [InlineData("$pbkdf2-sha256$i=99999999$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA")]
    [InlineData("$pbkdf2-sha256$i=1000$!!$aGFzaGhhc2hoYXNoaGFzaA")]
    public void Verify_StoredValueThatIsNoHash_Fails(string? stored)
    {
        Assert.Equal(PasswordVerification.Failed, new PasswordHasher(iterations: 1_000).Verify(Password, stored));
    }

    [Fact]
    public void Encode_RoundTrips()
    {
        var hash = new PasswordHash(PasswordHash.Pbkdf2Sha256, 600_000, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16], new byte[32]);

        Assert.True(PasswordHash.TryParse(hash.Encode(), out var parsed));

        Assert.Equal(hash.Algorithm, parsed.Algorithm);
        Assert.Equal(hash.Iterations, parsed.Iterations);
        Assert.Equal(hash.Salt, parsed.Salt);
        Assert.Equal(hash.Hash, parsed.Hash);
    }
}

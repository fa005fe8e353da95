using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Mirrorspace.Security.Audit;
using Mirrorspace.Server.Tests.Testing;

namespace Mirrorspace.Server.Tests.Api.Features.Audit;

/// <summary>
/// The audit API: a tenant's admin sees its own entries (here: refused keys of the tenant) and can
/// prove one to a third party; another tenant sees none of them and cannot get their proofs.
/// </summary>
public sealed class AuditEndpointsTests(MirrorspaceFactory factory) : IClassFixture<MirrorspaceFactory>
{
    [Fact]
    public async Task List_AfterRefusedKey_ShowsTheSecurityEventWithoutTheSecret()
    {
        var tenant = await factory.CreateTenantAsync();
        var (wrongKey, secret) = WithOtherSecret(tenant.ViewerKey);

        await RefusedRequestAsync(wrongKey, "/api/v1/twins");
        var entries = await ListAsync(tenant.AdminKey);

        var entry = Assert.Single(entries, e => e!["principal"]!.GetValue<string>() == TestTenant.KeyIdOf(tenant.ViewerKey))!;
        Assert.Equal(tenant.Id, entry["tenant"]!.GetValue<string>());
        Assert.Equal("auth.reject", entry["action"]!.GetValue<string>());
        Assert.Equal("denied", entry["outcome"]!.GetValue<string>());
        Assert.Equal("wrong secret", entry["reason"]!.GetValue<string>());
        Assert.Equal("/api/v1/twins", entry["resource"]!.GetValue<string>());
        Assert.DoesNotContain(secret, entries.ToJsonString(), StringComparison.Ordinal);
        Assert.False(AuditFilesContain(secret), "The refused secret must never reach the audit log.");
    }

    [Fact]
    public async Task List_OtherTenant_SeesNoneOfTheEntries()
    {
        var tenantA = await factory.CreateTenantAsync();
        var tenantB = await factory.CreateTenantAsync();
        await RefusedRequestAsync(WithOtherSecret(tenantA.AdminKey).Key, "/api/v1/models");

        var entriesOfB = await ListAsync(tenantB.AdminKey);

        Assert.NotEmpty(await ListAsync(tenantA.AdminKey));
        Assert.Empty(entriesOfB);
    }

    [Fact]
    public async Task List_Paging_FollowsNext()
    {
        var tenant = await factory.CreateTenantAsync();
        for (var i = 0; i < 3; i++)
        {
            await RefusedRequestAsync(WithOtherSecret(tenant.OperatorKey).Key, $"/api/v1/twins/t{i}");
        }

        using var admin = factory.CreateClient(tenant.AdminKey);
        var first = await admin.GetJsonAsync("/api/v1/audit?limit=2");
        var second = await admin.GetJsonAsync($"/api/v1/audit?limit=2&from={first["next"]!.GetValue<string>()}");

        Assert.Equal(2, first["items"]!.AsArray().Count);
        Assert.Single(second["items"]!.AsArray());
        Assert.Null(second["next"]);
        Assert.Equal(
            ["/api/v1/twins/t0", "/api/v1/twins/t1", "/api/v1/twins/t2"],
            first["items"]!.AsArray().Concat(second["items"]!.AsArray()).Select(e => e!["resource"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=1001")]
    [InlineData("from=0")]
    public async Task List_InvalidPaging_Returns400(string query)
    {
        var tenant = await factory.CreateTenantAsync();
        using var admin = factory.CreateClient(tenant.AdminKey);

        using var response = await admin.GetPathAsync($"/api/v1/audit?{query}");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("/api/v1/audit")]
    [InlineData("/api/v1/audit/1/proof")]
    public async Task Audit_AsOperator_Returns403(string path)
    {
        var tenant = await factory.CreateTenantAsync();
        using var operatorClient = factory.CreateClient(tenant.OperatorKey);

        using var response = await operatorClient.GetPathAsync(path);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Proof_OwnEntry_VerifiesWithOnlyTheProofAndThePublicKey()
    {
        var tenant = await factory.CreateTenantAsync();
        await RefusedRequestAsync(WithOtherSecret(tenant.AdminKey).Key, "/api/v1/models");
        var sequence = (await ListAsync(tenant.AdminKey)).Single()!["sequence"]!.GetValue<long>();
        using var admin = factory.CreateClient(tenant.AdminKey);

        var proof = await admin.GetJsonAsync($"/api/v1/audit/{sequence}/proof");

        var entry = proof["entry"]!;
        var leaf = Bytes(proof["leaf"]);
        var checkpoint = ReadCheckpoint(proof["checkpoint"]!);
        using var publicKey = AuditKeys.ImportPublicKeyPem(proof["publicKey"]!.GetValue<string>());
        Assert.True(checkpoint.Verify(publicKey), "the checkpoint is signed by the node's key");
        Assert.Equal(checkpoint.SignedBody, proof["checkpoint"]!["signedBody"]!.GetValue<string>());
        Assert.Equal(sequence - 1, proof["leafIndex"]!.GetValue<long>());
        Assert.True(MerkleTree.VerifyInclusion(
            sequence - 1, checkpoint.TreeSize, MerkleTree.LeafHash(leaf), [.. proof["proof"]!.AsArray().Select(Bytes)], checkpoint.RootHash));
        Assert.Equal(EntryFrom(entry).ToCanonicalBytes(), leaf);
    }

    [Fact]
    public async Task Proof_OtherTenantsEntry_Returns404()
    {
        var tenantA = await factory.CreateTenantAsync();
        var tenantB = await factory.CreateTenantAsync();
        await RefusedRequestAsync(WithOtherSecret(tenantA.AdminKey).Key, "/api/v1/models");
        var sequence = (await ListAsync(tenantA.AdminKey)).Single()!["sequence"]!.GetValue<long>();
        using var clientB = factory.CreateClient(tenantB.AdminKey);

        using var response = await clientB.GetPathAsync($"/api/v1/audit/{sequence}/proof");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Proof_UnknownSequence_Returns404()
    {
        var tenant = await factory.CreateTenantAsync();
        using var admin = factory.CreateClient(tenant.AdminKey);

        using var response = await admin.GetPathAsync($"/api/v1/audit/{long.MaxValue}/proof");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    private async Task RefusedRequestAsync(string key, string path)
    {
        using var client = factory.CreateClient(key);
        using var response = await client.GetPathAsync(path);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private async Task<JsonArray> ListAsync(string adminKey)
    {
        using var admin = factory.CreateClient(adminKey);
        return (await admin.GetJsonAsync("/api/v1/audit"))["items"]!.AsArray();
    }

    private bool AuditFilesContain(string text)
    {
        var needle = Encoding.UTF8.GetBytes(text);
        return Directory.EnumerateFiles(factory.DataDirectory, "audit*")
            .Any(file => ReadShared(file).AsSpan().IndexOf(needle) >= 0);
    }

    private static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static (string Key, string Secret) WithOtherSecret(string apiKey)
    {
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '-');
        return ($"msk_{TestTenant.KeyIdOf(apiKey)}_{secret}", secret);
    }

    private static byte[] Bytes(JsonNode? node) => Convert.FromBase64String(node!.GetValue<string>());

    private static Checkpoint ReadCheckpoint(JsonNode json) => new()
    {
        TreeSize = json["treeSize"]!.GetValue<long>(),
        RootHash = Bytes(json["rootHash"]),
        ChainHead = Bytes(json["chainHead"]),
        Timestamp = json["timestamp"]!.GetValue<DateTimeOffset>(),
        KeyId = json["keyId"]!.GetValue<string>(),
        Signature = Bytes(json["signature"]),
    };

    /// <summary>What a third party does with the entry's fields: encode them as docs/audit.md describes and compare with the leaf.</summary>
    private static AuditEntry EntryFrom(JsonNode json) => new()
    {
        Sequence = json["sequence"]!.GetValue<long>(),
        Timestamp = json["timestamp"]!.GetValue<DateTimeOffset>(),
        TenantId = json["tenant"]?.GetValue<string>(),
        Principal = json["principal"]!.GetValue<string>(),
        Action = json["action"]!.GetValue<string>(),
        Resource = json["resource"]?.GetValue<string>(),
        Outcome = AuditEntryEncoding.ParseOutcome(json["outcome"]!.GetValue<string>()),
        Reason = json["reason"]?.GetValue<string>(),
        RemoteAddress = json["remoteAddress"]?.GetValue<string>(),
        Properties = json["properties"]?.AsArray().Select(p => p!.GetValue<string>()).ToList(),
        Purpose = json["purpose"]?.GetValue<string>(),
    };
}

using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Mirrorspace.Server.Tests.Testing;

namespace Mirrorspace.Server.Tests.Api.Common;

/// <summary>
/// Malformed, non-object and oversized bodies are refused as problems before anything is touched.
/// Runs on Kestrel with a 1 KiB limit (<see cref="SmallBodyLimitFactory"/>).
/// </summary>
public class JsonBodyTests(SmallBodyLimitFactory factory) : IClassFixture<SmallBodyLimitFactory>
{
    private const string Reservoir = SampleModels.ReservoirLevelSensor;

    public static TheoryData<string, string> MalformedBodies()
    {
        var data = new TheoryData<string, string>();
        string[] bodies =
        [
            """{"level": """,
            """{"level": 1,}""",
            """{level: 1}""",
            """{"level": 1, "level": 2}""",
            """[{"level": 1}]""",
            "\"level\"",
            "42",
            "null",
            "true",
            "",
            "   ",
            string.Concat(Enumerable.Repeat("{\"a\":", 33)) + "1" + new string('}', 33),
        ];
        foreach (var target in new[] { "reported", "desired", "create" })
        {
            foreach (var body in bodies)
            {
                data.Add(target, body);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task Write_MalformedOrNonObjectBody_Returns400AndChangesNothing(string target, string body)
    {
        using var client = await OperatorAsync();
        var id = await CreateReservoirAsync(client);
        var before = await client.GetJsonAsync($"/api/v1/twins/{id}");

        using var response = await SendAsync(client, target, id, Encoding.UTF8.GetBytes(body));

        Assert.Equal(["$"], await ProblemAssert.HasErrorsAsync(response));
        Assert.True(JsonNode.DeepEquals(before, await client.GetJsonAsync($"/api/v1/twins/{id}")), "A refused body must change nothing.");
    }

    [Theory]
    [InlineData("reported")]
    [InlineData("desired")]
    [InlineData("create")]
    public async Task Write_BodyOverTheLimit_Returns413AndChangesNothing(string target)
    {
        using var client = await OperatorAsync();
        var id = await CreateReservoirAsync(client);
        var before = await client.GetJsonAsync($"/api/v1/twins/{id}");

        using var response = await SendAsync(client, target, id, Padded("""{"level":1}""", SmallBodyLimitFactory.MaxRequestBodyBytes + 1));

        await AssertTooLargeAsync(response);
        Assert.True(JsonNode.DeepEquals(before, await client.GetJsonAsync($"/api/v1/twins/{id}")), "A refused body must change nothing.");
    }

    [Fact]
    public async Task PutTwin_NewTwinWithBodyOverTheLimit_Returns413AndCreatesNothing()
    {
        using var client = await OperatorAsync();
        var id = TestIds.Twin("reservoir");

        using var response = await SendAsync(client, "create", id, Padded($$"""{"model":"{{Reservoir}}"}""", SmallBodyLimitFactory.MaxRequestBodyBytes + 1));
        using var read = await client.GetPathAsync($"/api/v1/twins/{id}");

        await AssertTooLargeAsync(response);
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
    }

    [Fact]
    public async Task PutModel_BodyOverTheLimit_Returns413AndPublishesNothing()
    {
        var tenant = await factory.TenantAAsync();
        using var admin = factory.CreateClient(tenant.AdminKey);

        using var response = await admin.PutModelAsync(SampleModels.CentrifugalPump, SampleModels.ReadText("centrifugal-pump.json"));
        using var read = await admin.GetPathAsync($"/api/v1/models/{SampleModels.CentrifugalPump}");

        await AssertTooLargeAsync(response);
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
    }

    [Fact]
    public async Task PatchReported_ChunkedBodyOverTheLimit_Returns413AndChangesNothing()
    {
        using var client = await OperatorAsync();
        var id = await CreateReservoirAsync(client);
        var before = await client.GetJsonAsync($"/api/v1/twins/{id}");
        using var request = new HttpRequestMessage(HttpMethod.Patch, new Uri($"/api/v1/twins/{id}/reported", UriKind.Relative))
        {
            Content = new StreamContent(new MemoryStream(Padded("""{"level":1}""", 4 * SmallBodyLimitFactory.MaxRequestBodyBytes))),
        };
        request.Headers.TransferEncodingChunked = true;
        request.Content.Headers.ContentType = new(HttpClientExtensions.MergePatch);

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        await AssertTooLargeAsync(response);
        Assert.True(JsonNode.DeepEquals(before, await client.GetJsonAsync($"/api/v1/twins/{id}")), "A refused body must change nothing.");
    }

    [Fact]
    public async Task PatchReported_BodyExactlyAtTheLimit_IsAccepted()
    {
        using var client = await OperatorAsync();
        var id = await CreateReservoirAsync(client);

        using var response = await SendAsync(client, "reported", id, Padded("""{"level":1}""", SmallBodyLimitFactory.MaxRequestBodyBytes));

        var twin = await response.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, twin["reported"]?["level"]?.GetValue<double>());
    }

    private async Task<HttpClient> OperatorAsync() => factory.CreateClient((await factory.TenantAAsync()).OperatorKey);

    private static async Task<string> CreateReservoirAsync(HttpClient client)
    {
        var id = TestIds.Twin("reservoir");
        using var response = await client.PutTwinAsync(id, Reservoir);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return id;
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string target, string id, byte[] body)
    {
        var (method, path, mediaType) = target switch
        {
            "reported" => (HttpMethod.Patch, $"/api/v1/twins/{id}/reported", HttpClientExtensions.MergePatch),
            "desired" => (HttpMethod.Patch, $"/api/v1/twins/{id}/desired", HttpClientExtensions.MergePatch),
            _ => (HttpMethod.Put, $"/api/v1/twins/{id}", "application/json"),
        };
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new(mediaType);
        return client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>The JSON followed by spaces, to exactly <paramref name="length"/> bytes.</summary>
    private static byte[] Padded(string json, int length) => Encoding.UTF8.GetBytes(json.PadRight(length));

    private static async Task AssertTooLargeAsync(HttpResponseMessage response)
    {
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("Body too large", problem["title"]?.GetValue<string>());
    }
}

using System.Net;
using Mirrorspace.Server.Tests.Testing;

namespace Mirrorspace.Server.Tests.Api.Features.Models;

/// <summary>An invalid document is refused with every mistake and its JSON path, whatever its format.</summary>
public partial class ModelEndpointsTests
{
    /// <summary>Every mistake in the invalid documents of these tests, in ordinal order.</summary>
    private static readonly string[] InvalidDocumentPaths = ["$.colour", "$.id", "$.properties[0].minimum", "$.properties[0].name", "$.version"];

    [Fact]
    public async Task Put_InvalidJsonDocument_Returns400ListingEveryErrorWithItsPath()
    {
        using var admin = await AdminAsync();
        const string document = """
            {
              "id": "Bad Id",
              "version": 0,
              "colour": "red",
              "properties": [ { "name": "1x", "type": "number", "minimum": 5, "maximum": 1 } ]
            }
            """;

        using var response = await admin.PutModelAsync("bad-id", document);

        Assert.Equal(InvalidDocumentPaths, (await ProblemAssert.HasErrorsAsync(response)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Put_InvalidYamlDocument_Returns400ListingEveryErrorWithItsPath()
    {
        using var admin = await AdminAsync();
        const string document = """
            id: Bad Id
            version: 0
            colour: red
            properties:
              - name: 1x
                type: number
                minimum: 5
                maximum: 1
            """;

        using var response = await admin.PutModelAsync("bad-id", document, "application/yaml");

        Assert.Equal(InvalidDocumentPaths, (await ProblemAssert.HasErrorsAsync(response)).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("{\"id\": ", "application/json")]
    [InlineData("[1, 2, 3]", "application/json")]
    [InlineData("id: [unclosed", "application/yaml")]
    [InlineData("id: tank\nid: tank", "application/yaml")]
    public async Task Put_UnparsableDocument_Returns400AtTheRoot(string document, string mediaType)
    {
        using var admin = await AdminAsync();

        using var response = await admin.PutModelAsync("tank", document, mediaType);

        Assert.Equal(["$"], await ProblemAssert.HasErrorsAsync(response));
    }

    [Fact]
    public async Task Put_EmptyBody_Returns400()
    {
        using var admin = await AdminAsync();

        using var response = await admin.PutModelAsync("tank", "  ");

        await ProblemAssert.HasErrorsAsync(response);
    }

    [Fact]
    public async Task Put_IdDiffersFromUrl_Returns400AndPublishesNothing()
    {
        using var admin = await AdminAsync();
        var urlId = TestIds.Model("tank");

        using var response = await admin.PutModelAsync(urlId, ModelDocuments.Json(TestIds.Model("other")));
        using var read = await admin.GetPathAsync($"/api/v1/models/{urlId}");

        Assert.Equal(["$.id"], await ProblemAssert.HasErrorsAsync(response));
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
    }
}

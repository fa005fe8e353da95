using System.Net;
using System.Text.Json.Nodes;
using Mirrorspace.Domain.Access;
using Mirrorspace.Domain.Models;
using Mirrorspace.Server.Tests.Testing;

namespace Mirrorspace.Server.Tests.Access;

/// <summary>
/// The classification dimension of the authorization matrix: every read that hands out a twin's values ×
/// every clearance × every declared purpose × every property of the patient monitor (each data class
/// present). A value must appear exactly when the expectation below — written from the security model,
/// not from the product's code — says the caller may read it, and be absent otherwise.
/// </summary>
public sealed class ClassificationMatrixTests(MirrorspaceFactory factory, ITestOutputHelper output) : IClassFixture<MirrorspaceFactory>
{
    private const string TwinId = "monitor-matrix";

    /// <summary>The tenant allows care for health and personal values, and research for personal values only.</summary>
    private const string Policy = """{"purposes":["care","research","billing"],"purposeOfUse":{"health":["care"],"personal":["care","research"]}}""";

    private static readonly Dictionary<string, DataClassification> Properties = new()
    {
        ["heartRate"] = DataClassification.Health,
        ["spo2"] = DataClassification.Health,
        ["patientPseudonym"] = DataClassification.Personal,
        ["ward"] = DataClassification.Personal,
        ["battery"] = DataClassification.Proprietary,
        ["firmwareVersion"] = DataClassification.Proprietary,
    };

    private static readonly string?[] Purposes = [null, "care", "research", "billing"];

    /// <summary>Who may read a value of <paramref name="classification"/>, as docs/security-model.md states it.</summary>
    private static bool Expected(DataClassification clearance, string? purpose, DataClassification classification) =>
        classification <= clearance && classification switch
        {
            DataClassification.Health => purpose == "care",
            DataClassification.Personal => purpose is "care" or "research",
            _ => true,
        };

    [Fact]
    public async Task EveryRead_ShowsAPropertyExactlyWhenClearanceAndPurposeAllow()
    {
        var tenant = await factory.CreateTenantWithModelsAsync(["patient-monitor.json"]);
        await factory.PutAccessPolicyAsync(tenant, Policy);
        using var admin = factory.CreateClient(tenant.AdminKey);
        using (var created = await admin.SendAsync("PUT", $"/api/v1/twins/{TwinId}", """{"model":"patient-monitor","subject":"patient-m"}"""))
        {
            await created.ReadJsonAsync(HttpStatusCode.Created);
        }

        using (var reported = await admin.PatchReportedAsync(
            TwinId, """{"heartRate":71,"spo2":97.5,"patientPseudonym":"p-17","ward":"north","battery":80,"firmwareVersion":"1.2.0"}"""))
        {
            Assert.Equal(HttpStatusCode.OK, reported.StatusCode);
        }

        var at = Uri.EscapeDataString(factory.Clock.GetUtcNow().AddMinutes(1).ToString("O"));
        (string Name, string Path)[] reads =
        [
            ("twin", $"/api/v1/twins/{TwinId}"),
            ("twin at an instant", $"/api/v1/twins/{TwinId}?at={at}"),
            ("twin list", "/api/v1/twins"),
            ("full history", $"/api/v1/twins/{TwinId}/history"),
        ];

        var cases = 0;
        var wrong = new List<string>();
        foreach (var clearance in Enum.GetValues<DataClassification>())
        {
            using var client = factory.CreateClient(await factory.IssueKeyAsync(tenant.Id, TenantRole.Viewer, clearance));
            foreach (var purpose in Purposes)
            {
                foreach (var (name, path) in reads)
                {
                    var shown = await ShownAsync(client, path, purpose);
                    foreach (var (property, classification) in Properties)
                    {
                        cases++;
                        if (shown.Contains(property) != Expected(clearance, purpose, classification))
                        {
                            wrong.Add($"{name} with clearance {clearance}, purpose {purpose ?? "none"}: {property} ({classification}) {(shown.Contains(property) ? "shown" : "hidden")}");
                        }
                    }

                    cases++;
                    if (name != "full history" && shown.Contains("subject") != Expected(clearance, purpose, DataClassification.Personal))
                    {
                        wrong.Add($"{name} with clearance {clearance}, purpose {purpose ?? "none"}: the data subject {(shown.Contains("subject") ? "shown" : "hidden")}");
                    }
                }

                foreach (var (property, classification) in Properties)
                {
                    cases++;
                    var points = await PointsAsync(client, property, purpose);
                    if ((points > 0) != Expected(clearance, purpose, classification))
                    {
                        wrong.Add($"history of {property} with clearance {clearance}, purpose {purpose ?? "none"}: {points} points");
                    }
                }
            }
        }

        output.WriteLine($"{cases} classification cases, {wrong.Count} wrong");
        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    /// <summary>The property names (and "subject") a read hands out for the matrix twin.</summary>
    private static async Task<HashSet<string>> ShownAsync(HttpClient client, string path, string? purpose)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (purpose is not null)
        {
            request.Headers.Add("X-Purpose", purpose);
        }

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var body = await response.ReadJsonAsync(HttpStatusCode.OK);
        var shown = new HashSet<string>(StringComparer.Ordinal);
        foreach (var twin in body["items"] is JsonArray items ? items.OfType<JsonObject>().Where(t => t["id"]?.GetValue<string>() == TwinId) : [body])
        {
            shown.UnionWith(twin["reported"]?.AsObject().Select(p => p.Key) ?? []);
            shown.UnionWith(twin["metadata"]?["reported"]?.AsObject().Select(p => p.Key) ?? []);
            if (twin["subject"] is not null)
            {
                shown.Add("subject");
            }
        }

        foreach (var change in body["events"]?.AsArray().OfType<JsonObject>() ?? [])
        {
            shown.UnionWith(change["kind"]?.GetValue<string>() == "reportedPatched" ? change["payload"]!.AsObject().Select(p => p.Key) : []);
        }

        return shown;
    }

    private static async Task<int> PointsAsync(HttpClient client, string property, string? purpose)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/twins/{TwinId}/history?property={property}");
        if (purpose is not null)
        {
            request.Headers.Add("X-Purpose", purpose);
        }

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return (await response.ReadJsonAsync(HttpStatusCode.OK))["points"]!.AsArray().Count;
    }
}

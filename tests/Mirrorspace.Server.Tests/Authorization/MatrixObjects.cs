using System.Net;
using System.Security.Cryptography;
using Mirrorspace.Server.Tests.Testing;

namespace Mirrorspace.Server.Tests.Authorization;

/// <summary>
/// One tenant's objects that the matrix names in its requests; both tenants get the same set, so each
/// can play the caller's tenant or the other one. A pump twin feeds a reservoir; each of two pumps has a
/// device that calls; a third device, a model, a connector, an identity provider and an audit entry are there to be addressed.
/// </summary>
public sealed class MatrixObjects : IDisposable
{
    public const string TwinId = "twinId";
    public const string TargetId = "targetId";
    public const string ModelId = "modelId";
    public const string DeviceId = "deviceId";
    public const string ConnectorId = "connectorId";
    public const string Sequence = "sequence";
    public const string QuarantineId = "quarantineId";
    public const string KeyId = "keyId";
    public const string TenantId = "tenantId";

    /// <summary>Not an object: a fresh token per case, for a request that must name something new each time.</summary>
    public const string Unique = "unique";
    public const string ProviderId = "providerId";
    public const string Username = "username";

    /// <summary>Not objects: the caller's own tenant id, and a current TOTP code of the case's user, filled in per case.</summary>
    public const string TenantValue = "{tenant}";
    public const string TotpCodeValue = "{totpCode}";

    /// <summary>A viewer every tenant has, whom every caller signs in as.</summary>
    public const string SignInUser = "matrix-sign-in";
    public const string UserPassword = "matrix-password-for-users";

    private readonly Dictionary<string, byte[]> _totpSecrets = [];

    private readonly HttpClient _admin;
    private MirrorspaceFactory _factory = null!;

    private MatrixObjects(TestTenant tenant, HttpClient admin)
    {
        Tenant = tenant;
        _admin = admin;
    }

    /// <summary>The placeholders, in paths and bodies, that name a tenant object.</summary>
    public static IReadOnlyList<string> Parameters { get; } = [TwinId, TargetId, ModelId, DeviceId, ConnectorId, Sequence, QuarantineId, KeyId, TenantId, ProviderId, Username];

    public TestTenant Tenant { get; }

    /// <summary>The device of <see cref="Pump"/>; a caller.</summary>
    public RegisteredDevice PumpDevice { get; private set; } = null!;

    /// <summary>The device of another pump of the tenant; a caller.</summary>
    public RegisteredDevice OtherPumpDevice { get; private set; } = null!;

    public string Pump => PumpDevice.TwinId;

    public string Reservoir { get; private set; } = null!;

    public string Model { get; private set; } = null!;

    /// <summary>A device that is only ever addressed, never a caller, so disabling or rotating it stops no caller.</summary>
    public string Device { get; private set; } = null!;

    public string Connector { get; private set; } = null!;

    public long AuditEntry { get; private set; }

    /// <summary>An API key that is only ever addressed, never a caller, so revoking it stops no caller.</summary>
    public string ApiKey { get; private set; } = null!;
    public string Provider { get; private set; } = null!;
    /// <summary>A viewer to be addressed (read, enrolled); never the one callers sign in as.</summary>
    public string User { get; private set; } = null!;

    /// <summary>A reading of <see cref="Pump"/> held in quarantine (its speed is out of bounds).</summary>
    public string HeldReading { get; private set; } = null!;

    public static async Task<MatrixObjects> CreateAsync(MirrorspaceFactory factory, TestTenant tenant)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(tenant);
        var objects = new MatrixObjects(tenant, factory.CreateClient(tenant.AdminKey));
        var admin = objects._admin;
        objects.Reservoir = TestIds.Twin("reservoir");
        await ExpectAsync(HttpStatusCode.Created, admin.PutTwinAsync(objects.Reservoir, SampleModels.ReservoirLevelSensor));
        objects.PumpDevice = await admin.RegisterDeviceAsync(await objects.NewPumpAsync());
        objects.OtherPumpDevice = await admin.RegisterDeviceAsync(await objects.NewPumpAsync());
        objects.Device = (await admin.RegisterDeviceAsync(objects.Pump)).DeviceId;
        objects.Model = await objects.NewModelAsync();
        objects.Connector = await objects.NewConnectorAsync();
        objects.ApiKey = await objects.NewApiKeyAsync();
        objects.Provider = await objects.NewProviderAsync();
        objects.User = await objects.NewUserAsync();
        await ExpectAsync(HttpStatusCode.Created, admin.SendAsync(
            "POST", "/api/v1/users", $$"""{"username":"{{SignInUser}}","password":"{{UserPassword}}","role":"viewer"}"""));
        objects._factory = factory;
        objects.HeldReading = await objects.NewHeldReadingAsync();

        // The registrations above are changes, so the tenant's audit log has entries by now.
        var audit = await admin.GetJsonAsync("/api/v1/audit?limit=1");
        objects.AuditEntry = audit["items"]![0]!["sequence"]!.GetValue<long>();
        return objects;
    }

    /// <summary>The tenant's standing object for a placeholder.</summary>
    public string Shared(string parameter) => parameter switch
    {
        TwinId => Pump,
        TargetId => Reservoir,
        ModelId => Model,
        DeviceId => Device,
        ConnectorId => Connector,
        Sequence => AuditEntry.ToString(System.Globalization.CultureInfo.InvariantCulture),
        QuarantineId => HeldReading,
        KeyId => ApiKey,
        TenantId => Tenant.Id,
        ProviderId => Provider,
        Username => User,
        _ => throw new ArgumentOutOfRangeException(nameof(parameter), parameter, "Not an object parameter."),
    };

    /// <summary>A current code of the TOTP secret this tenant's fresh user was enrolled with; any code for another.</summary>
    public string TotpCode(string username, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        lock (_totpSecrets)
        {
            return _totpSecrets.TryGetValue(username, out var secret)
                ? Mirrorspace.Security.Totp.TotpCode.Compute(secret, Mirrorspace.Security.Totp.TotpCode.StepAt(clock.GetUtcNow()))
                : "000000";
        }
    }

    /// <summary>A new object like the standing one, for a case that deletes or replaces it.</summary>
    public async Task<string> FreshAsync(string parameter) => parameter switch
    {
        TwinId => await NewPumpAsync(),

        // Deleting a relationship leaves its target alone: the standing reservoir serves every case.
        TargetId => Reservoir,
        ModelId => await NewModelAsync(),
        DeviceId => (await _admin.RegisterDeviceAsync(Pump)).DeviceId,
        ConnectorId => await NewConnectorAsync(),

        // A decision is final: each release or discard case needs a reading still held.
        QuarantineId => await NewHeldReadingAsync(),

        // A revocation is final too.
        KeyId => await NewApiKeyAsync(),
        ProviderId => await NewProviderAsync(),
        Username => await NewUserAsync(),
        _ => Shared(parameter),
    };

    /// <summary>A well-formed id that no tenant uses, so the request reaches the lookup rather than the syntax check.</summary>
    public static string Absent(string parameter) => parameter switch
    {
        TwinId or TargetId => TestIds.Twin("absent"),
        ModelId => TestIds.Model("absent"),
        DeviceId => $"dev-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}",
        ConnectorId => TestIds.Twin("absent"),
        Sequence => long.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
        QuarantineId => $"q-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}",
        KeyId => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)),
        TenantId => $"t-absent-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}",
        ProviderId => TestIds.Model("absent"),
        Username => $"absent-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}",
        _ => throw new ArgumentOutOfRangeException(nameof(parameter), parameter, "Not an object parameter."),
    };

    public void Dispose()
    {
        _admin.Dispose();
    }

    /// <summary>
    /// Each from a device of its own: a device is held to its twin's contract rate, and the cases need
    /// more held readings than one pump may send in a burst.
    /// </summary>
    private async Task<string> NewHeldReadingAsync()
    {
        var device = await _admin.RegisterDeviceAsync(Pump);
        using var client = _factory.CreateAnonymousClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", device.Secret);
        using var response = await client.PatchReportedAsync(Pump, """{"speed":99999}""");
        return (await response.ReadJsonAsync(HttpStatusCode.Accepted))["quarantineId"]!.GetValue<string>();
    }

    /// <summary>A pump that feeds the reservoir, so it also stands for an existing relationship.</summary>
    private async Task<string> NewPumpAsync()
    {
        var pump = await _admin.CreatePumpTwinAsync();
        await ExpectAsync(HttpStatusCode.Created, _admin.PutRelationshipAsync(pump, "feeds", Reservoir));
        return pump;
    }

    /// <summary>A viewer with a TOTP secret enrolled (not yet confirmed), whose secret is kept for its confirmation case.</summary>
    private async Task<string> NewUserAsync()
    {
        var username = $"u-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}";
        await ExpectAsync(HttpStatusCode.Created, _admin.SendAsync(
            "POST", "/api/v1/users", $$"""{"username":"{{username}}","password":"{{UserPassword}}","role":"viewer"}"""));
        using var enrolment = await _admin.SendAsync("POST", $"/api/v1/users/{username}/totp");
        var secret = (await enrolment.ReadJsonAsync(HttpStatusCode.OK))["secret"]!.GetValue<string>();
        lock (_totpSecrets)
        {
            _totpSecrets[username] = Mirrorspace.Security.Totp.Base32.TryDecode(secret, out var bytes) ? bytes : throw new FormatException(secret);
        }

        return username;
    }

    private async Task<string> NewModelAsync()
    {
        var id = TestIds.Model("matrix");
        await ExpectAsync(HttpStatusCode.Created, _admin.PutModelAsync(id, ModelDocuments.Json(id)));
        return id;
    }

    private async Task<string> NewConnectorAsync()
    {
        var id = TestIds.Model("matrix");
        await ExpectAsync(HttpStatusCode.Created, _admin.SendAsync("PUT", $"/api/v1/connectors/{id}", EndpointRequests.ConnectorBody));
        return id;
    }

    private async Task<string> NewApiKeyAsync()
    {
        using var response = await _admin.SendAsync("POST", "/api/v1/apikeys", """{"role":"viewer","lifetime":"P1D","description":"matrix object"}""");
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Setting up the matrix: issuing a key gave {(int)response.StatusCode}: {text}");
        return System.Text.Json.Nodes.JsonNode.Parse(text)!["key"]!["keyId"]!.GetValue<string>();
    }

    /// <summary>Its audience differs from the one <see cref="EndpointRequests.ProviderBody"/> gives the same id, so putting over it never collides.</summary>
    private async Task<string> NewProviderAsync()
    {
        var id = TestIds.Model("idp");
        var body = EndpointRequests.ProviderBody.Replace("matrix-{providerId}", $"fixture-{id}", StringComparison.Ordinal);
        await ExpectAsync(HttpStatusCode.Created, _admin.SendAsync("PUT", $"/api/v1/identity-providers/{id}", body));
        return id;
    }

    private static async Task ExpectAsync(HttpStatusCode expected, Task<HttpResponseMessage> request)
    {
        using var response = await request;
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(expected == response.StatusCode, $"Setting up the matrix: expected {(int)expected} from {response.RequestMessage?.RequestUri} but got {(int)response.StatusCode}: {text}");
    }
}

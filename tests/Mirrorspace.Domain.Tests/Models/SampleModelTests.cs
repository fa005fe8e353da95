using Mirrorspace.Domain.Models;

namespace Mirrorspace.Domain.Tests.Models;

public class SampleModelTests
{
    public static TheoryData<string> SampleFiles() => [.. SampleModels.AllFileNames()];

    [Fact]
    public void SamplesFolder_ContainsTheSharedSamples()
    {
        var files = SampleModels.AllFileNames().ToArray();

        Assert.Contains(SampleModels.CentrifugalPump, files);
        Assert.Contains(SampleModels.PumpStation, files);
        Assert.Contains(SampleModels.ReservoirLevelSensor, files);
        Assert.Contains(SampleModels.PatientMonitor, files);
    }

    [Theory]
    [MemberData(nameof(SampleFiles))]
    public void Parse_SampleFile_IsValidAndIdMatchesFileName(string fileName)
    {
        var result = SampleModels.Parse(fileName);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Empty(result.Errors);
        Assert.Equal(Path.GetFileNameWithoutExtension(fileName), result.Model.Id);
        Assert.Equal(1, result.Model.Version);
    }

    [Fact]
    public void Relationships_OfAllSamples_TargetSampleModels()
    {
        var models = SampleModels.AllFileNames().Select(SampleModels.Load).ToArray();
        var ids = models.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);

        var targets = models.SelectMany(m => m.Relationships.Values).Select(r => r.TargetModel).ToArray();

        Assert.NotEmpty(targets);
        Assert.All(targets, target => Assert.Contains(target!, ids));
    }

    [Fact]
    public void CentrifugalPump_Properties_MatchTheDocument()
    {
        var sut = SampleModels.Load(SampleModels.CentrifugalPump);

        Assert.Equal(
            ["bearingWear", "firmwareVersion", "mode", "power", "serialNumber", "speed", "temperature", "vibration"],
            sut.Properties.Keys.Order(StringComparer.Ordinal));
        var temperature = sut.Properties["temperature"];
        Assert.Equal(PropertyType.Number, temperature.Type);
        Assert.Equal("°C", temperature.Unit);
        Assert.Equal(-20, temperature.Minimum);
        Assert.Equal(120, temperature.Maximum);
        Assert.Equal(2, temperature.MaxRateOfChange);
        Assert.False(temperature.Writable);
        Assert.Equal("mm/s", sut.Properties["vibration"].Unit);
        Assert.Equal(50, sut.Properties["vibration"].Maximum);
        Assert.Equal(3600, sut.Properties["speed"].Maximum);
        Assert.Equal("kW", sut.Properties["power"].Unit);
        Assert.Equal(PropertyType.String, sut.Properties["serialNumber"].Type);
    }

    [Fact]
    public void CentrifugalPump_WritabilityAndClassification_MatchTheDocument()
    {
        var sut = SampleModels.Load(SampleModels.CentrifugalPump);

        Assert.Equal(["mode", "speed"], sut.Properties.Values.Where(p => p.Writable).Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(DataClassification.Community, sut.Properties["mode"].Classification);
        Assert.All(
            sut.Properties.Values.Where(p => p.Name != "mode"),
            p => Assert.Equal(DataClassification.Proprietary, p.Classification));
        Assert.Equal(PropertyType.Enum, sut.Properties["mode"].Type);
        Assert.Equal(["off", "manual", "auto"], sut.Properties["mode"].EnumValues);
    }

    [Fact]
    public void CentrifugalPump_SyncCommandsAndRelationships_MatchTheDocument()
    {
        var sut = SampleModels.Load(SampleModels.CentrifugalPump);

        Assert.Equal(TimeSpan.FromSeconds(1), sut.Sync.ExpectedInterval);
        Assert.Equal(TimeSpan.FromSeconds(10), sut.Sync.StaleAfter);
        Assert.Equal(5, sut.Sync.MaxMessagesPerSecond);
        Assert.All(sut.Properties.Values, p => Assert.Equal(sut.Sync, p.Sync));
        Assert.Equal(["calibrate", "restart"], sut.Commands.Keys.Order(StringComparer.Ordinal));
        var feeds = Assert.Single(sut.Relationships.Values);
        Assert.Equal("feeds", feeds.Name);
        Assert.Equal("reservoir-level-sensor", feeds.TargetModel);
    }

    [Fact]
    public void PumpStation_Properties_MatchTheDocument()
    {
        var sut = SampleModels.Load(SampleModels.PumpStation);

        Assert.Equal(DataClassification.Public, sut.Properties["name"].Classification);
        Assert.Equal(PropertyType.Object, sut.Properties["location"].Type);
        Assert.Equal(DataClassification.Public, sut.Properties["location"].Classification);
        Assert.Equal(DataClassification.Personal, sut.Properties["operatorName"].Classification);
        Assert.Equal("bar", sut.Properties["inletPressure"].Unit);
        Assert.Equal(0, sut.Properties["inletPressure"].Minimum);
        Assert.Equal(16, sut.Properties["inletPressure"].Maximum);
        Assert.Equal(SyncContract.Default, sut.Sync);
        Assert.Equal("centrifugal-pump", sut.Relationships["contains"].TargetModel);
        Assert.Equal("reservoir-level-sensor", sut.Relationships["monitors"].TargetModel);
    }

    [Fact]
    public void ReservoirLevelSensor_YamlDocument_MatchesTheDocument()
    {
        var sut = SampleModels.Load(SampleModels.ReservoirLevelSensor);

        Assert.Equal(TimeSpan.FromSeconds(10), sut.Sync.ExpectedInterval);
        Assert.Equal(TimeSpan.FromMinutes(1), sut.Sync.StaleAfter);
        Assert.Equal(SyncContract.Default.MaxMessagesPerSecond, sut.Sync.MaxMessagesPerSecond);
        Assert.Equal(["batteryLevel", "level"], sut.Properties.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("m", sut.Properties["level"].Unit);
        Assert.Equal(30, sut.Properties["level"].Maximum);
        Assert.Equal(0.5, sut.Properties["level"].MaxRateOfChange);
        Assert.Equal("%", sut.Properties["batteryLevel"].Unit);
        Assert.Equal(100, sut.Properties["batteryLevel"].Maximum);
    }

    [Fact]
    public void PatientMonitor_Classifications_MatchTheDocument()
    {
        var sut = SampleModels.Load(SampleModels.PatientMonitor);

        Assert.Equal(
            ["bodyTemperature", "heartRate", "spo2"],
            sut.Properties.Values.Where(p => p.Classification == DataClassification.Health).Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(
            ["patientPseudonym", "ward"],
            sut.Properties.Values.Where(p => p.Classification == DataClassification.Personal).Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(DataClassification.Proprietary, sut.Properties["battery"].Classification);
        Assert.Equal(DataClassification.Proprietary, sut.Properties["firmwareVersion"].Classification);
    }

    [Fact]
    public void PatientMonitor_VitalSigns_MatchTheDocument()
    {
        var sut = SampleModels.Load(SampleModels.PatientMonitor);

        Assert.Equal(PropertyType.Integer, sut.Properties["heartRate"].Type);
        Assert.Equal(20, sut.Properties["heartRate"].Minimum);
        Assert.Equal(250, sut.Properties["heartRate"].Maximum);
        Assert.Equal(50, sut.Properties["spo2"].Minimum);
        Assert.Equal(0.1, sut.Properties["bodyTemperature"].MaxRateOfChange);
        Assert.Equal(30, sut.Properties["bodyTemperature"].Minimum);
        Assert.Equal(45, sut.Properties["bodyTemperature"].Maximum);
        Assert.Equal(TimeSpan.FromSeconds(5), sut.Sync.ExpectedInterval);
        Assert.Equal(TimeSpan.FromSeconds(30), sut.Sync.StaleAfter);
        Assert.DoesNotContain(sut.Properties.Values, p => p.Writable);
    }
}

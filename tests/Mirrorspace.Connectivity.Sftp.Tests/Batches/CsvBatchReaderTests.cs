using System.Text;
using Mirrorspace.Connectivity.Sftp.Batches;

namespace Mirrorspace.Connectivity.Sftp.Tests.Batches;

public sealed class CsvBatchReaderTests
{
    [Fact]
    public void Read_ConsecutiveRowsOfOneTwin_GroupsThemUntilAPropertyRepeats()
    {
        var sut = Read("twinId,property,value\np1,speed,1\np1,power,2\np1,speed,3\np2,speed,4\n");

        var patches = sut.Entries.Cast<PatchEntry>().ToList();
        Assert.Equal([(2, 3, "p1"), (4, 4, "p1"), (5, 5, "p2")], patches.Select(p => (p.Line, p.LastLine, p.TwinId)));
        Assert.Equal("""{"speed":1,"power":2}""", patches[0].Patch.ToJsonString());
        Assert.Equal(["2-3", "4", "5"], patches.Select(p => p.LineLabel));
    }

    [Fact]
    public void Read_Values_AreJsonScalarsWhenUnquotedAndStringsOtherwise()
    {
        var sut = Read("twinId,property,value\np1,a,12.5\np1,b,true\np1,c,\"42\"\np1,d,null\np1,e,1e400\np1,f,\"say \"\"hi\"\", ok\"\n");

        var patch = Assert.IsType<PatchEntry>(Assert.Single(sut.Entries)).Patch;
        Assert.Equal("""{"a":12.5,"b":true,"c":"42","d":"null","e":"1e400"}""", new System.Text.Json.Nodes.JsonObject(patch.Where(p => p.Key != "f").Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone()))).ToJsonString());
        Assert.Equal("say \"hi\", ok", patch["f"]!.GetValue<string>());
    }

    [Fact]
    public void Read_BadLines_AreReportedWithTheirLineAndSplitTheGroup()
    {
        var sut = Read("twinId,property,value\r\np1,speed,1\r\np1,\"open\r\n\r\np1,power,2\r\n");

        Assert.Collection(
            sut.Entries,
            e => Assert.Equal(2, Assert.IsType<PatchEntry>(e).Line),
            e => Assert.Contains("not closed", Assert.IsType<MalformedEntry>(e).Reason, StringComparison.Ordinal),
            e => Assert.Equal(5, Assert.IsType<PatchEntry>(e).Line));
        Assert.Equal(3, sut.Entries[1].Line);
    }

    [Fact]
    public void Read_InvalidUtf8Line_SpoilsThatLineOnly()
    {
        var bytes = Encoding.UTF8.GetBytes("twinId,property,value\np1,speed,1\n").Concat(new byte[] { 0x70, 0x31, 0x2C, 0xC3, 0x28, 0x0A }).Concat(Encoding.UTF8.GetBytes("p1,power,2\n")).ToArray();

        var sut = CsvBatchReader.Read(bytes);

        Assert.Equal((3, "the line is not valid UTF-8"), (sut.Entries[1].Line, ((MalformedEntry)sut.Entries[1]).Reason));
        Assert.Equal(3, sut.Entries.Count);
    }

    [Theory]
    [InlineData("twin,property,value\np1,speed,1\n")]
    [InlineData("p1,speed,1\n")]
    [InlineData("")]
    public void Read_WithoutTheHeader_IsUnreadableAsAWhole(string content)
    {
        var sut = Read(content);

        Assert.NotNull(sut.FileProblem);
        Assert.Empty(sut.Entries);
    }

    [Fact]
    public void Read_HeaderWithBomAndSpaces_IsAccepted()
    {
        var sut = Read("\uFEFF twinId , property , value\np1,speed,1\n");

        Assert.Null(sut.FileProblem);
        Assert.Single(sut.Entries);
    }

    private static BatchParseResult Read(string text) => CsvBatchReader.Read(Encoding.UTF8.GetBytes(text));
}

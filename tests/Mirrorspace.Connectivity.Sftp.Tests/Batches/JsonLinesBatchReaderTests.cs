using System.Text;
using Mirrorspace.Connectivity.Sftp.Batches;

namespace Mirrorspace.Connectivity.Sftp.Tests.Batches;

public sealed class JsonLinesBatchReaderTests
{
    [Fact]
    public void Read_ObjectLines_BecomeOnePatchEach()
    {
        var sut = Read("""{"twinId":"p1","reported":{"speed":1,"mode":"auto"}}""" + "\n\n" + """{"reported":{"speed":2},"twinId":"p2"}""");

        Assert.Equal([(1, "p1", """{"speed":1,"mode":"auto"}"""), (3, "p2", """{"speed":2}""")], sut.Entries.Cast<PatchEntry>().Select(p => (p.Line, p.TwinId, p.Patch.ToJsonString())));
    }

    [Theory]
    [InlineData("""{"twinId":"p1","reported":{"speed":1}""", "not valid JSON")]
    [InlineData("""[1,2]""", "JSON object")]
    [InlineData("""{"twinId":"p1","reported":{"speed":1},"extra":1}""", "unknown member 'extra'")]
    [InlineData("""{"twinId":"p1","twinId":"p2","reported":{"speed":1}}""", "not valid JSON")]
    [InlineData("""{"twinId":"no spaces allowed","reported":{"speed":1}}""", "twinId")]
    [InlineData("""{"twinId":"p1","reported":{}}""", "reported")]
    [InlineData("""{"twinId":"p1","reported":5}""", "reported")]
    public void Read_BadLine_IsReportedWithItsReason(string line, string reason)
    {
        var sut = Read("""{"twinId":"p1","reported":{"speed":1}}""" + "\n" + line + "\n");

        var malformed = Assert.IsType<MalformedEntry>(sut.Entries[1]);
        Assert.Equal(2, malformed.Line);
        Assert.Contains(reason, malformed.Reason, StringComparison.Ordinal);
    }

    private static BatchParseResult Read(string text) => JsonLinesBatchReader.Read(Encoding.UTF8.GetBytes(text));
}

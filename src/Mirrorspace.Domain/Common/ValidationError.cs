namespace Mirrorspace.Domain.Common;

/// <summary>One problem found in an input document, located by a JSON path such as <c>$.properties[2].maximum</c>.</summary>
public sealed record ValidationError(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}

namespace Mirrorspace.Storage.Connectors;

/// <summary>The layout of an imported file.</summary>
public enum BatchFormat
{
    /// <summary>A header <c>twinId,property,value</c>, then one value per row.</summary>
    Csv,

    /// <summary>One JSON object per line: <c>{"twinId": "...", "reported": {...}}</c>.</summary>
    JsonLines,
}

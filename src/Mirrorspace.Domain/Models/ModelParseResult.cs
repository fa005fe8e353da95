using System.Diagnostics.CodeAnalysis;
using Mirrorspace.Domain.Common;

namespace Mirrorspace.Domain.Models;

/// <summary>Either a valid model with its canonical JSON text, or every error found.</summary>
public sealed record ModelParseResult
{
    public TwinModel? Model { get; init; }

    /// <summary>The document as compact JSON (YAML input is converted), which is what gets stored.</summary>
    public string? CanonicalJson { get; init; }

    public IReadOnlyList<ValidationError> Errors { get; init; } = [];

    [MemberNotNullWhen(true, nameof(Model), nameof(CanonicalJson))]
    public bool IsValid => Model is not null && CanonicalJson is not null;
}

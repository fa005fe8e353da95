namespace Mirrorspace.Server.Api.Common;

/// <summary>A page of a list; pass <see cref="Next"/> as <c>after</c> to get the following page.</summary>
public sealed record PageDto<T>(IReadOnlyList<T> Items, string? Next);

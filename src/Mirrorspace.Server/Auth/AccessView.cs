using System.Text.Json.Nodes;
using Mirrorspace.Domain.Access;
using Mirrorspace.Domain.Models;
using Mirrorspace.Server.Api.Common;

namespace Mirrorspace.Server.Auth;

/// <summary>
/// What one caller may see and do in its tenant, for one request: its identity, the tenant's policy and
/// the purpose it declared. Every object-level and property-level decision of the API goes through here.
/// </summary>
internal sealed class AccessView(AccessIdentity identity, AccessPolicy policy, string? purpose)
{
    private readonly AccessSubject _subject = new(identity.Principal, identity.Role);
    private readonly IReadOnlyList<ResourceSelector> _scopes = [.. (identity.Scopes ?? []).Select(Parse)];

    public AccessIdentity Identity => identity;

    /// <summary>The purpose of use this request declared (header or credential); null when none.</summary>
    public string? Purpose => purpose;

    /// <summary>
    /// Whether a decision needs the twin's model: only when a policy entry or a scope selects by model.
    /// Otherwise the twin's id alone decides and no lookup is spent.
    /// </summary>
    public bool SelectsByModel =>
        _scopes.Any(s => s.Scope is SelectorScope.Model)
        || policy.Entries.Any(e => e.Resources.Any(r => r.Scope is SelectorScope.Model));

    /// <summary>Whether the caller holds <paramref name="permission"/> on the twin (or, with a property, on that property).</summary>
    public bool Allows(Permission permission, TwinResource twin, string? property = null) =>
        AccessEvaluator.WithinScopes(_scopes, twin, property) && AccessEvaluator.Decide(policy, _subject, permission, twin, property);

    /// <summary>Whether the caller may read this property's values.</summary>
    private bool CanRead(TwinResource twin, string property, DataClassification classification) =>
        AccessEvaluator.WithinScopes(_scopes, twin, property)
        && AccessEvaluator.CanRead(policy, _subject, identity.Clearance, purpose, twin, property, classification);

    /// <summary>Whether the caller may read the named property of a twin of <paramref name="model"/>; a name the model lacks reads as proprietary.</summary>
    public bool CanRead(TwinResource twin, TwinModel? model, string property) =>
        CanRead(twin, property, model?.Properties.GetValueOrDefault(property)?.Classification ?? DataClassification.Proprietary);

    /// <summary>Whether the caller may learn which data subject a twin is about (a personal fact).</summary>
    public bool CanSeeSubject => DataClassification.Personal <= identity.Clearance && policy.AllowsPurpose(DataClassification.Personal, purpose);

    /// <summary>The twin as this caller may see it: values, metadata and convergence of unreadable properties are absent.</summary>
    public TwinDto Filter(TwinDto twin, TwinModel? model)
    {
        ArgumentNullException.ThrowIfNull(twin);
        var resource = new TwinResource(twin.Id, twin.Model);
        bool Readable(string property) => CanRead(resource, model, property);
        return twin with
        {
            Reported = Keep(twin.Reported, Readable),
            Desired = Keep(twin.Desired, Readable),
            Delta = Keep(twin.Delta, Readable),
            Metadata = new TwinMetadataDto(
                twin.Metadata.Reported.Where(p => Readable(p.Key)).ToDictionary(),
                twin.Metadata.Desired.Where(p => Readable(p.Key)).ToDictionary()),
            Convergence = twin.Convergence with { Properties = [.. twin.Convergence.Properties.Where(Readable)] },
            Subject = CanSeeSubject ? twin.Subject : null,
        };
    }

    private static JsonObject Keep(JsonObject values, Func<string, bool> readable) =>
        new(values.Where(p => readable(p.Key)).Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));

    private static ResourceSelector Parse(string scope) =>
        ResourceSelector.TryParse(scope, out var selector, out var error)
            ? selector
            : throw new InvalidOperationException($"A credential carries a scope that does not parse: {error}");
}

namespace Mirrorspace.Storage.IdentityProviders;

public enum IdentityProviderSaveOutcome
{
    Created,
    Updated,

    /// <summary>Another provider (of any tenant) has the same issuer and audience, so a token could not tell which one it is for.</summary>
    IssuerAudienceTaken,
}

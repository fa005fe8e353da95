namespace Mirrorspace.Server.Tests.Testing;

/// <summary>A tenant of the test node and the text of one API key per role.</summary>
public sealed record TestTenant(string Id, string AdminKey, string OperatorKey, string ViewerKey, string AnalystKey, string AuditorKey)
{
    /// <summary>The public id inside a key's text (<c>msk_{keyId}_{secret}</c>), as history records it in <c>apikey:{keyId}</c>.</summary>
    public static string KeyIdOf(string apiKey)
    {
        ArgumentNullException.ThrowIfNull(apiKey);
        return apiKey.Split('_')[1];
    }
}

namespace Mirrorspace.Storage.Encryption;

/// <summary>The data subject was erased (crypto-shredded): their key is destroyed and no new data is sealed for them.</summary>
public sealed class SubjectErasedException : Exception
{
    public SubjectErasedException()
    {
    }

    public SubjectErasedException(string message)
        : base(message)
    {
    }

    public SubjectErasedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SubjectErasedException(string tenantId, string subjectId)
        : base($"Subject '{subjectId}' of tenant '{tenantId}' was erased.")
    {
        TenantId = tenantId;
        SubjectId = subjectId;
    }

    public string? TenantId { get; }

    public string? SubjectId { get; }
}

namespace Mirrorspace.Storage.Encryption;

/// <summary>One stored encrypted field and the row that holds it.</summary>
/// <param name="Column">The field.</param>
/// <param name="RowId">Tenant id, key id, model id or twin id.</param>
/// <param name="RowVersion">Model, snapshot or event version; 0 where rows have none.</param>
/// <param name="Value">The stored text.</param>
public sealed record EncryptedValue(EncryptedColumn Column, string RowId, long RowVersion, string Value);

-- Leaves (or creates) a tombstone. With secure_delete on, SQLite zeroes the bytes the wrapped key occupied.
INSERT INTO subject_keys (tenant_id, subject_id, tenant_key_version, wrapped_key, created_at, erased_at)
VALUES ($tenant_id, $subject_id, NULL, NULL, $erased_at, $erased_at)
ON CONFLICT (tenant_id, subject_id) DO UPDATE SET
  tenant_key_version = NULL,
  wrapped_key = NULL,
  erased_at = excluded.erased_at
WHERE subject_keys.erased_at IS NULL;

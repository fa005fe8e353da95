-- A tombstone blocks the insert too: no new key for an erased subject.
INSERT INTO subject_keys (tenant_id, subject_id, tenant_key_version, wrapped_key, created_at, erased_at)
VALUES ($tenant_id, $subject_id, $tenant_key_version, $wrapped_key, $created_at, NULL)
ON CONFLICT (tenant_id, subject_id) DO NOTHING;

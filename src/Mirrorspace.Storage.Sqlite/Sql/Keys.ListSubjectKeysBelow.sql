SELECT tenant_id, subject_id, tenant_key_version, wrapped_key, created_at, erased_at
FROM subject_keys
WHERE tenant_id = $tenant_id AND subject_id > $after AND erased_at IS NULL AND tenant_key_version < $version
ORDER BY subject_id
LIMIT $limit;

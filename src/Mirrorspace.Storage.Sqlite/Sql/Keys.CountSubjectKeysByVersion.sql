SELECT tenant_key_version, count(*)
FROM subject_keys
WHERE tenant_id = $tenant_id AND erased_at IS NULL
GROUP BY tenant_key_version;

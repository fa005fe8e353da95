SELECT tenant_id, version, wrapped_key, created_at
FROM tenant_data_keys
WHERE tenant_id = $tenant_id AND version >= $min_version
ORDER BY version;

SELECT tenant_id, version, wrapped_key, created_at
FROM tenant_data_keys
ORDER BY tenant_id, version;

INSERT INTO tenant_data_keys (tenant_id, version, wrapped_key, created_at)
VALUES ($tenant_id, $version, $wrapped_key, $created_at)
ON CONFLICT (tenant_id, version) DO NOTHING;

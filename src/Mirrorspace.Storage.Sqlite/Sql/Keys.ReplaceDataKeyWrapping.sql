UPDATE tenant_data_keys
SET wrapped_key = $wrapped_key
WHERE tenant_id = $tenant_id AND version = $version;

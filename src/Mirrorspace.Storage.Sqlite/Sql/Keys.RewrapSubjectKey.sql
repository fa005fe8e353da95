UPDATE subject_keys
SET tenant_key_version = $tenant_key_version, wrapped_key = $wrapped_key
WHERE tenant_id = $tenant_id AND subject_id = $subject_id AND tenant_key_version = $expected_version AND erased_at IS NULL;

SELECT current_version, min_decryption_version
FROM tenant_key_policies
WHERE tenant_id = $tenant_id;

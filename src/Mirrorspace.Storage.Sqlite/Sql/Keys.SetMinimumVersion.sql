UPDATE tenant_key_policies
SET min_decryption_version = $version, updated_at = $updated_at
WHERE tenant_id = $tenant_id AND $version BETWEEN 1 AND current_version;

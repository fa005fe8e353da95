INSERT INTO tenant_key_policies (tenant_id, current_version, min_decryption_version, updated_at)
VALUES ($tenant_id, 1, 1, $updated_at)
ON CONFLICT (tenant_id) DO NOTHING;

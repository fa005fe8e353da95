INSERT INTO devices (device_id, tenant_id, twin_id, secret_hash, certificate_thumbprint, enabled, credential_version, created_at, updated_at)
VALUES ($device_id, $tenant_id, $twin_id, $secret_hash, $certificate_thumbprint, $enabled, $credential_version, $created_at, $updated_at)
ON CONFLICT DO NOTHING;

UPDATE devices
SET secret_hash = $secret_hash, certificate_thumbprint = $certificate_thumbprint, enabled = $enabled,
    credential_version = $credential_version, updated_at = $updated_at
WHERE tenant_id = $tenant_id AND device_id = $device_id;

-- Not when the new certificate thumbprint is another device's: the caller gets false (a conflict), not an error.
UPDATE devices
SET secret_hash = $secret_hash, certificate_thumbprint = $certificate_thumbprint, enabled = $enabled,
    credential_version = $credential_version, updated_at = $updated_at
WHERE tenant_id = $tenant_id AND device_id = $device_id
  AND NOT EXISTS (SELECT 1 FROM devices AS other WHERE other.certificate_thumbprint = $certificate_thumbprint AND other.device_id <> $device_id);

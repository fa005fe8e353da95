-- Not when the new certificate thumbprint is another device's: the caller gets false (a conflict), not an error.
-- A new signing key starts a new sequence: the old key's numbers mean nothing to the new one.
UPDATE devices
SET secret_hash = $secret_hash, certificate_thumbprint = $certificate_thumbprint, enabled = $enabled,
    credential_version = $credential_version, updated_at = $updated_at,
    last_sequence = CASE WHEN signing_key IS $signing_key THEN last_sequence ELSE NULL END,
    signing_algorithm = $signing_algorithm, signing_key = $signing_key
WHERE tenant_id = $tenant_id AND device_id = $device_id
  AND NOT EXISTS (SELECT 1 FROM devices AS other WHERE other.certificate_thumbprint = $certificate_thumbprint AND other.device_id <> $device_id);

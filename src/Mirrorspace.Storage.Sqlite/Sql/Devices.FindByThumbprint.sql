SELECT device_id, tenant_id, twin_id, secret_hash, certificate_thumbprint, enabled, credential_version, created_at, updated_at,
       signing_algorithm, signing_key, last_sequence, trust
FROM devices
WHERE certificate_thumbprint = $thumbprint;

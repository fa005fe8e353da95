-- A second revocation keeps the first time: that is when the key stopped working.
UPDATE api_keys
SET revoked_at = coalesce(revoked_at, $revoked_at)
WHERE tenant_id = $tenant_id AND key_id = $key_id;

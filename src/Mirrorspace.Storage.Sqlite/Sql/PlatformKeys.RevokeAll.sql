UPDATE platform_keys
SET revoked_at = $revoked_at
WHERE revoked_at IS NULL;

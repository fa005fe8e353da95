SELECT key_id, secret_hash, created_at, revoked_at
FROM platform_keys
WHERE key_id = $key_id;

INSERT INTO platform_keys (key_id, secret_hash, created_at)
VALUES ($key_id, $secret_hash, $created_at);
